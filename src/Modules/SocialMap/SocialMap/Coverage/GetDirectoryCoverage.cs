using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace Schakel.SocialMap.Coverage;

public static class GetDirectoryCoverageEndpoint
{
    [WolverineGet("/api/social-map/coverage"), Tags("Sociale kaart")]
    [EndpointSummary("Social-map coverage per municipality (locations and therapists per discipline)")]
    public static async Task<IReadOnlyList<MunicipalityCoverage>> Get(IQuerySession session, CancellationToken ct) =>
        await session.Query<MunicipalityCoverage>().OrderBy(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
}
