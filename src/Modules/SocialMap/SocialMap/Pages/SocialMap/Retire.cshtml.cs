using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Directory;
using Wolverine.Marten;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>The coordinator takes a location off the social map, saying why; its page and history stay.</summary>
[Authorize(Policy = SchakelPolicies.Coordinator)]
public sealed class RetireModel(IDocumentSession session, IMartenOutbox outbox, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string PracticeName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await session.LoadAsync<TherapistLocation>(Id, ct) is not { } location)
        {
            return NotFound();
        }

        PracticeName = location.Details.PracticeName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await session.LoadAsync<TherapistLocation>(Id, ct) is not { } current)
        {
            return NotFound();
        }

        PracticeName = current.Details.PracticeName;
        var request = new RetireTherapistLocation(Reason ?? "");
        foreach (var error in new RetireTherapistLocation.Validator().Validate(request).Errors)
        {
            ModelState.AddModelError(nameof(Reason), error.ErrorMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var by = EntryAuthors.Of(User);
        var now = clock.GetUtcNow();
        outbox.Enroll(session);
        var (location, problem) = await LocationCommands.ChangeAsync(Id, session, outbox, l => RetireTherapistLocationEndpoint.Decide(l, request, by, now), ct);
        if (location is null)
        {
            ModelState.AddModelError("", problem?.Detail ?? "");
            return Page();
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/sociale-kaart/{Id}");
    }
}
