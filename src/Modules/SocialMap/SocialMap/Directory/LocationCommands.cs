using Microsoft.AspNetCore.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Problems;
using Wolverine;

namespace Schakel.SocialMap.Directory;

/// <summary>Load an entry for writing, decide, append, and publish what other modules must know, in one transaction.</summary>
public static class LocationCommands
{
    public const string NotFound = "Deze locatie staat niet op de sociale kaart.";
    public const string Retired = "Deze locatie is van de sociale kaart gehaald en kan niet meer veranderen.";

    /// <summary>
    /// The decision returns the event to append, or null with a problem, or null without one
    /// when nothing needs to change (the entry is answered as it is).
    /// </summary>
    public static async Task<(TherapistLocation? Location, ProblemDetails? Problem)> ChangeAsync(
        Guid id, IDocumentSession session, IMessageBus bus, Func<TherapistLocation, (object? Change, ProblemDetails? Problem)> decide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(decide);
        var stream = await session.Events.FetchForWriting<TherapistLocation>(id, ct).ConfigureAwait(false);
        if (stream.Aggregate is not { } location)
        {
            return (null, Problem.NotFound(NotFound));
        }

        var (change, problem) = decide(location);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (change is null)
        {
            return (location, null);
        }

        stream.AppendOne(change);
        var changed = Then(location, change);
        await DirectoryContracts.PublishAsync(bus, change, changed).ConfigureAwait(false);
        return (changed, null);
    }

    /// <summary>The entry after one more event (the same rules as the snapshot projection).</summary>
    public static TherapistLocation Then(TherapistLocation location, object change)
    {
        ArgumentNullException.ThrowIfNull(location);
        return change switch
        {
            TherapistLocationRevised e => location.Apply(e),
            TherapistLocationVerified e => location.Apply(e),
            TherapistLocationRetired e => location.Apply(e),
            ProviderLinkSent e => location.Apply(e),
            _ => throw new ArgumentException($"{change.GetType().Name} does not change a listed location.", nameof(change)),
        };
    }

    public static Results<Ok<LocationView>, ProblemHttpResult> Answer((TherapistLocation? Location, ProblemDetails? Problem) result, DateTimeOffset now) =>
        result.Location is { } location ? TypedResults.Ok(LocationView.Of(location, now)) : TypedResults.Problem(result.Problem!);
}
