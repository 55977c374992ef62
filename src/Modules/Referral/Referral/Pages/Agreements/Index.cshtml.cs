using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;

namespace Schakel.Referral.Pages.Agreements;

/// <summary>The region's referral and back-referral agreements.</summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class IndexModel(IQuerySession session) : PageModel
{
    public IReadOnlyList<AgreementListItem> Agreements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Agreements = await ReadingAgreementsEndpoints.List(session, ct);
}
