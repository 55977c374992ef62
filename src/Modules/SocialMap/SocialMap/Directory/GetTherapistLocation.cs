using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.SocialMap.Directory;

public static class GetTherapistLocationEndpoint
{
    [WolverineGet("/api/social-map/locations/{id:guid}"), Tags("Sociale kaart")]
    [EndpointSummary("Read one therapist location of the social map")]
    public static async Task<Results<Ok<TherapistLocation>, ProblemHttpResult>> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var location = await session.LoadAsync<TherapistLocation>(id, ct).ConfigureAwait(false);
        return location is null
            ? TypedResults.Problem(Problem.NotFound("Deze locatie staat niet op de sociale kaart."))
            : TypedResults.Ok(location);
    }
}
