using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Directory;
using Wolverine.Marten;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>The coordinator records that a location's entry is still right (after calling the practice, say).</summary>
[Authorize(Policy = SchakelPolicies.Coordinator)]
public sealed class VerifyModel(IDocumentSession session, IMartenOutbox outbox, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => Redirect($"/sociale-kaart/{Id}");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var by = EntryAuthors.Of(User);
        var now = clock.GetUtcNow();
        outbox.Enroll(session);
        var (location, problem) = await LocationCommands.ChangeAsync(Id, session, outbox, l => VerifyTherapistLocationEndpoint.Decide(l, by, now), ct);
        if (location is null)
        {
            if (problem?.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            Problem = problem?.Detail;
            return Page();
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/sociale-kaart/{Id}");
    }
}
