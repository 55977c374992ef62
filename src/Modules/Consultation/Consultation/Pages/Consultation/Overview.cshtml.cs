using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Questions;

namespace Schakel.Consultation.Pages.Consultation;

[Authorize(Policy = SchakelPolicies.Coordinator)]
public sealed class OverviewModel(IQuerySession session, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PoolLoad> Pools { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Pools = await PoolOverviewEndpoint.Get(session, clock, ct);
}
