using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Proposals;
using Schakel.Referral.Referrals;

namespace Schakel.Referral.Pages.Referrals;

/// <summary>
/// The practice's referrals with its open loops (no answer from the hospital after 7 days, patients to
/// contact after "no response") and the referrals advised in consultations; or, for the hospital, the
/// referrals it received.
/// </summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class IndexModel(IQuerySession session, IAccessLog accessLog, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ReferralListItem> Referrals { get; private set; } = [];

    public IReadOnlyList<ReferralProposal> Proposals { get; private set; } = [];

    public bool IsGpSide { get; private set; }

    /// <summary>The GP's open loops: referrals the hospital has not answered in time, and patients she must contact.</summary>
    public IReadOnlyList<ReferralListItem> OpenLoops => Referrals
        .Where(r => r.NoHospitalResponse || r.Task is { Status: PracticeTaskStatus.Open })
        .ToList();

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsGpSide = CareUser.From(User) is { IsGpSide: true };
        Referrals = await ListReferralsEndpoint.Get(HttpContext, session, accessLog, clock, null, ct);
        if (IsGpSide)
        {
            Proposals = await GetReferralProposalsEndpoint.Get(HttpContext, session, accessLog, ct);
        }
    }
}
