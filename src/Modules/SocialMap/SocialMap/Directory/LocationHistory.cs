using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.SocialMap.Directory;

/// <summary>One step in an entry's life, as the coordinator reads it.</summary>
public sealed record LocationHistoryEntry(
    long Version, DateTimeOffset At, string Kind, string Description, string By, EntrySource Source, IReadOnlyList<string> Changed);

/// <summary>The history of an entry, told from its events (oldest first).</summary>
public static class LocationHistory
{
    public static IReadOnlyList<LocationHistoryEntry> Of(IReadOnlyList<(long Version, object Data)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var history = new List<LocationHistoryEntry>();
        TherapistLocation? state = null;
        foreach (var (version, data) in events)
        {
            var change = data is TherapistLocationListedV1 v1 ? v1.Upcast() : data;
            switch (change)
            {
                case TherapistLocationListed e:
                    state = TherapistLocation.Create(e);
                    history.Add(new(version, e.ListedAt, "listed", "Op de sociale kaart gezet", e.By.Name, e.By.Source, []));
                    break;
                case TherapistLocationRevised e when state is not null:
                    var changed = DetailsChanges.Between(state.Details, e.Details);
                    if (e.Place != state.Place && !changed.Contains("adres"))
                    {
                        changed = [.. changed, "adres"];
                    }

                    history.Add(new(version, e.RevisedAt, "revised",
                        e.By.Source == EntrySource.Provider ? "Gewijzigd en bevestigd door de aanbieder" : "Gewijzigd",
                        e.By.Name, e.By.Source, changed));
                    state = state.Apply(e);
                    break;
                case TherapistLocationVerified e when state is not null:
                    history.Add(new(version, e.VerifiedAt, "verified",
                        e.By.Source == EntrySource.Provider ? "Bevestigd door de aanbieder" : "Gecontroleerd", e.By.Name, e.By.Source, []));
                    state = state.Apply(e);
                    break;
                case ProviderLinkSent e when state is not null:
                    history.Add(new(version, e.SentAt, "link-sent",
                        e.Reason == ProviderLinkReason.Stale
                            ? "Aanbieder per e-mail gevraagd de gegevens te bevestigen (niet bevestigd sinds 6 maanden)"
                            : "Aanbieder per e-mail een link gestuurd om de gegevens bij te werken",
                        e.By.Name, e.By.Source, []));
                    state = state.Apply(e);
                    break;
                case TherapistLocationRetired e when state is not null:
                    history.Add(new(version, e.RetiredAt, "retired", $"Van de sociale kaart gehaald: {e.Reason}", e.By.Name, e.By.Source, []));
                    state = state.Apply(e);
                    break;
            }
        }

        return history;
    }
}

public static class GetLocationHistoryEndpoint
{
    [WolverineGet("/api/socialmap/locations/{id:guid}/history"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("The history of a therapist location's entry: every change, verification, e-mailed link and retirement")]
    public static async Task<Results<Ok<IReadOnlyList<LocationHistoryEntry>>, ProblemHttpResult>> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct).ConfigureAwait(false);
        return events.Count == 0
            ? TypedResults.Problem(Problem.NotFound(LocationCommands.NotFound))
            : TypedResults.Ok(LocationHistory.Of(events.Select(e => (e.Version, e.Data)).ToList()));
    }
}
