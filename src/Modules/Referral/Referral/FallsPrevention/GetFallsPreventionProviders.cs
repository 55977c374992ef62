using Marten;
using Microsoft.AspNetCore.Http;
using Schakel.SocialMap.Contracts;
using Wolverine.Http;

namespace Schakel.Referral.FallsPrevention;

public static class GetFallsPreventionProvidersEndpoint
{
    /// <summary>The locations a patient can be referred to for falls prevention, optionally for one offer.</summary>
    [WolverineGet("/api/referral/falls-prevention-providers"), Tags("Verwijzen")]
    [EndpointSummary("Falls-prevention referral targets known to the Referral module")]
    public static async Task<IReadOnlyList<FallsPreventionProvider>> Get(IQuerySession session, FallsPreventionOffer? offer, CancellationToken ct)
    {
        var providers = await session.Query<FallsPreventionProvider>()
            .Where(p => p.RetiredAt == null)
            .OrderBy(p => p.Municipality).ThenBy(p => p.PracticeName)
            .ToListAsync(ct).ConfigureAwait(false);
        return offer is null ? providers : providers.Where(p => p.Offers.Contains(offer.Value)).ToList();
    }
}
