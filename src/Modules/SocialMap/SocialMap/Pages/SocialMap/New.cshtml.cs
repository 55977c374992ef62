using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Wolverine.Marten;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>The coordinator puts a location on the social map: the API's entry, rules and messages, in a form.</summary>
[Authorize(Policy = SchakelPolicies.Coordinator)]
public sealed class NewModel(
    IDocumentSession session, IMartenOutbox outbox, IValidator<TherapistLocationEntry> validator, PostcodeAreas areas, TimeProvider clock) : PageModel
{
    /// <summary>Empty before binding, so that a box left unticked in the post stays unticked.</summary>
    [BindProperty]
    public LocationForm Form { get; set; } = new();

    public void OnGet() => Form = LocationForm.New();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var entry = Form.ToEntry();
        Form.AddErrors(ModelState, (await validator.ValidateAsync(entry, ct)).Errors, nameof(Form));
        if (!ModelState.IsValid)
        {
            Form.WithEmptyRows();
            return Page();
        }

        var now = clock.GetUtcNow();
        var listed = ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), entry, areas, EntryAuthors.Of(User), now);
        outbox.Enroll(session);
        session.Events.StartStream<TherapistLocation>(listed.LocationId, listed);
        await DirectoryContracts.PublishAsync(outbox, listed, TherapistLocation.Create(listed));
        await session.SaveChangesAsync(ct);
        return Redirect($"/sociale-kaart/{listed.LocationId}");
    }
}
