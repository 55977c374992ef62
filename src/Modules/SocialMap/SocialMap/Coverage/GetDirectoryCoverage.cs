using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Schakel.BuildingBlocks.Access;
using Wolverine.Http;

namespace Schakel.SocialMap.Coverage;

public static class GetDirectoryCoverageEndpoint
{
    [WolverineGet("/api/socialmap/coverage"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Social-map coverage per municipality: locations, locations per discipline, stale entries")]
    public static Task<IReadOnlyList<MunicipalityCoverage>> Get(IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        DirectoryCoverage.ListAsync(session, clock.GetUtcNow(), ct);
}
