using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine;
using Wolverine.Http;

namespace Schakel.SocialMap.Directory;

/// <summary>The coordinator confirms an entry is still right (for example after calling the practice).</summary>
public static class VerifyTherapistLocationEndpoint
{
    [WolverinePost("/api/socialmap/locations/{id:guid}/verify"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Record that a therapist location's entry is still right (resets its freshness)")]
    public static async Task<Results<Ok<LocationView>, ProblemHttpResult>> Post(
        Guid id, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var by = EntryAuthors.Of(http.User);
        var now = clock.GetUtcNow();
        return LocationCommands.Answer(await LocationCommands.ChangeAsync(id, session, bus, l => Decide(l, by, now), ct).ConfigureAwait(false), now);
    }

    public static (object? Change, ProblemDetails? Problem) Decide(TherapistLocation location, EntryAuthor by, DateTimeOffset now, Guid? byLinkId = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsRetired
            ? (null, Problem.Conflict(LocationCommands.Retired))
            : (new TherapistLocationVerified(location.Id, by, now, byLinkId), null);
    }
}
