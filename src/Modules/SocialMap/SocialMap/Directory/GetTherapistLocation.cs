using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.SocialMap.Directory;

public static class GetTherapistLocationEndpoint
{
    [WolverineGet("/api/socialmap/locations/{id:guid}"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Read one therapist location of the social map, with how fresh its entry is")]
    public static async Task<Results<Ok<LocationView>, ProblemHttpResult>> Get(Guid id, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var location = await session.LoadAsync<TherapistLocation>(id, ct).ConfigureAwait(false);
        return location is null
            ? TypedResults.Problem(Problem.NotFound(LocationCommands.NotFound))
            : TypedResults.Ok(LocationView.Of(location, clock.GetUtcNow()));
    }
}
