using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Wolverine.Marten;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>The coordinator changes a location's entry as a whole, as PUT /api/socialmap/locations/{id} does; an unchanged entry records nothing.</summary>
[Authorize(Policy = SchakelPolicies.Coordinator)]
public sealed class EditModel(
    IDocumentSession session, IMartenOutbox outbox, IValidator<TherapistLocationEntry> validator, PostcodeAreas areas, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public LocationForm Form { get; set; } = new();

    public string PracticeName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await session.LoadAsync<TherapistLocation>(Id, ct) is not { } location)
        {
            return NotFound();
        }

        if (location.IsRetired)
        {
            return Redirect($"/sociale-kaart/{Id}");
        }

        PracticeName = location.Details.PracticeName;
        Form = LocationForm.Of(location.Details);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await session.LoadAsync<TherapistLocation>(Id, ct) is not { } current)
        {
            return NotFound();
        }

        PracticeName = current.Details.PracticeName;
        var entry = Form.ToEntry();
        Form.AddErrors(ModelState, (await validator.ValidateAsync(entry, ct)).Errors, nameof(Form));
        if (!ModelState.IsValid)
        {
            Form.WithEmptyRows();
            return Page();
        }

        var by = EntryAuthors.Of(User);
        var now = clock.GetUtcNow();
        outbox.Enroll(session);
        var (location, problem) = await LocationCommands.ChangeAsync(
            Id, session, outbox, l => ReviseTherapistLocationEndpoint.Decide(l, entry, areas, by, now), ct);
        if (location is null)
        {
            if (problem?.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("", problem?.Detail ?? "");
            Form.WithEmptyRows();
            return Page();
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/sociale-kaart/{Id}");
    }
}
