using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Audit;
using Schakel.Host.Audit.Resources;

namespace Schakel.Host.Pages.AccessLog;

/// <summary>
/// "Who has seen my data?": for one patient, per user and organisation, what was done and when,
/// so the privacy contact can answer the patient's question (AVG art. 15, NEN 7513).
/// </summary>
[Authorize(Policy = SchakelPolicies.AccessLogReader)]
public sealed class PatientModel(
    AccessLogQueries queries,
    IValidator<SearchAccessLog> validator,
    IStringLocalizer<AccessLogText> text) : PageModel
{
    /// <summary>The pseudonymous reference; pseudonymous, so a query string may carry it, but the form posts it.</summary>
    [BindProperty(SupportsGet = true, Name = "ref")]
    public string? Reference { get; set; }

    public PatientAccessOverview? Overview { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        string.IsNullOrWhiteSpace(Reference) ? Task.FromResult<IActionResult>(Page()) : ShowAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Reference))
        {
            ModelState.AddModelError("ref", text["Validation_PatientRequired"]);
            return Task.FromResult<IActionResult>(Page());
        }

        return ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(new SearchAccessLog(Patient: Reference!.Trim()), ct);
        if (!validation.IsValid)
        {
            foreach (var failure in validation.Errors)
            {
                ModelState.AddModelError("ref", failure.ErrorMessage);
            }

            return Page();
        }

        Overview = await queries.OverviewForPatientAsync(Reference, ct);
        return Page();
    }
}
