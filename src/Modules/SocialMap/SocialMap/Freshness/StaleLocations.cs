using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Directory;
using Wolverine.Http;

namespace Schakel.SocialMap.Freshness;

/// <summary>An entry nobody confirmed for six months or more, and whether its provider was asked.</summary>
public sealed record StaleLocation(
    Guid Id, string PracticeName, string Postcode, string City, string? Email, DateTimeOffset LastVerifiedAt, DateTimeOffset StaleSince, DateTimeOffset? LastLinkSentAt);

public static class StaleLocations
{
    /// <summary>The stale entries on the map, longest unverified first.</summary>
    public static async Task<IReadOnlyList<StaleLocation>> ListAsync(IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var before = Freshness.MayBeStaleBefore(now);
        var stale = await session.Query<TherapistLocation>()
            .Where(l => l.RetiredAt == null && l.LastVerifiedAt <= before)
            .OrderBy(l => l.LastVerifiedAt)
            .ToListAsync(ct).ConfigureAwait(false);
        return stale
            .Where(l => Freshness.IsStale(l.LastVerifiedAt, now))
            .Select(l => new StaleLocation(l.Id, l.Details.PracticeName, l.Details.Address.Postcode, l.Details.Address.City, l.Details.Email,
                l.LastVerifiedAt, Freshness.StaleFrom(l.LastVerifiedAt), l.LastLinkSentAt))
            .ToList();
    }
}

public static class GetStaleLocationsEndpoint
{
    [WolverineGet("/api/socialmap/stale"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Entries not verified for six months or more, longest unverified first, with when their provider was last asked")]
    public static Task<IReadOnlyList<StaleLocation>> Get(IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        StaleLocations.ListAsync(session, clock.GetUtcNow(), ct);
}
