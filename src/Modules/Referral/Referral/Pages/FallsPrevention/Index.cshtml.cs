using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.FallsPrevention;

namespace Schakel.Referral.Pages.FallsPrevention;

/// <summary>The practice's falls-prevention referrals; one of them in detail with the therapist's intake and report.</summary>
[Authorize(Policy = SchakelPolicies.GpSide)]
public sealed class IndexModel(IQuerySession session, IAccessLog accessLog) : PageModel
{
    public IReadOnlyList<FallsPreventionView> Referrals { get; private set; } = [];

    public FallsPreventionView? Shown { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        var http = HttpContext;
        if (id is { } one)
        {
            var result = await FallsPreventionEndpoints.Get(one, http, session, accessLog, ct);
            if (result.Result is not Microsoft.AspNetCore.Http.HttpResults.Ok<FallsPreventionView> { Value: { } view })
            {
                return NotFound();
            }

            Shown = view;
            return Page();
        }

        Referrals = await FallsPreventionEndpoints.List(http, session, accessLog, ct);
        return Page();
    }
}
