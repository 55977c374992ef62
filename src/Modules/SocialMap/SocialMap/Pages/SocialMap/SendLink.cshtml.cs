using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Portal;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;
using Wolverine.Marten;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>The coordinator e-mails a location its signed link to confirm or update its own entry (the API's decision).</summary>
[Authorize(Policy = SchakelPolicies.Coordinator)]
public sealed class SendLinkModel(IDocumentSession session, IMartenOutbox outbox, ProviderLinks links, PortalLinks portal, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string? SentTo { get; private set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => Redirect($"/sociale-kaart/{Id}");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        outbox.Enroll(session);
        var (sent, problem) = await ProviderLinkSending.SendAsync(
            Id, ProviderLinkReason.Requested, EntryAuthors.Of(User), null, session, outbox, links, portal, clock.GetUtcNow(), ct);
        if (sent is null)
        {
            if (problem?.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            Problem = problem?.Detail;
            return Page();
        }

        await session.SaveChangesAsync(ct);
        SentTo = sent.SentTo;
        return Page();
    }
}
