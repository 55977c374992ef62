using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Coverage;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>How well each municipality is covered, for the coordinator looking for white spots (and anyone curious).</summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class CoverageModel(IQuerySession session, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MunicipalityCoverage> Coverage { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Coverage = await DirectoryCoverage.ListAsync(session, clock.GetUtcNow(), ct);
}
