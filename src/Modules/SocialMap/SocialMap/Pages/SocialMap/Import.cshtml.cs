using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Schakel.SocialMap.Transfer;
using Wolverine.Marten;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>
/// The coordinator exports the social map as CSV and imports it again: the API's import, with its
/// errors by row in Dutch or what it changed.
/// </summary>
// Razor Pages takes size limits from the page model class, not from a handler method.
[Authorize(Policy = SchakelPolicies.Coordinator)]
[RequestSizeLimit(ImportDirectoryEndpoint.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportDirectoryEndpoint.MaxRequestBytes)]
public sealed class ImportModel(
    IDocumentSession session, IMartenOutbox outbox, IValidator<TherapistLocationEntry> validator, PostcodeAreas areas, TimeProvider clock) : PageModel
{
    [BindProperty]
    public bool ValidOnly { get; set; }

    /// <summary>The import that was just run (refused or stored); null before one.</summary>
    public ImportPlan? Plan { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(ImportDirectoryEndpoint.FileField, file is null ? "Kies een CSV-bestand om te importeren." : "Het bestand is leeg.");
            return Page();
        }

        var (content, problem) = await ImportDirectoryEndpoint.ReadFileAsync(file, ct);
        if (content is null)
        {
            ModelState.AddModelError(ImportDirectoryEndpoint.FileField, problem?.Detail ?? ImportDirectoryEndpoint.TooLarge);
            return Page();
        }

        // Enrolled before the changes: their integration events are sent only once the import is stored.
        outbox.Enroll(session);
        Plan = await ImportDirectoryEndpoint.ImportAsync(
            content, ValidOnly, session, outbox, validator, areas, EntryAuthors.Of(User, EntrySource.Import), clock.GetUtcNow(), ct);
        if (!Plan.Refused)
        {
            await session.SaveChangesAsync(ct);
        }

        return Page();
    }
}
