using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Timeline;

namespace Schakel.Referral.Pages.Timeline;

/// <summary>One patient's timeline at the practice: consultations, referrals, back-referral, follow-up, falls prevention.</summary>
[Authorize(Policy = SchakelPolicies.GpSide)]
public sealed class PatientModel(IQuerySession session, IAccessLog accessLog) : PageModel
{
    public IReadOnlyList<TimelineStep> Steps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string patientRef, CancellationToken ct)
    {
        var result = await GetPatientTimelineEndpoint.Get(patientRef, HttpContext, session, accessLog, ct);
        if (result.Result is not Microsoft.AspNetCore.Http.HttpResults.Ok<IReadOnlyList<TimelineStep>> { Value: { } steps })
        {
            return NotFound();
        }

        Steps = steps;
        return Page();
    }
}
