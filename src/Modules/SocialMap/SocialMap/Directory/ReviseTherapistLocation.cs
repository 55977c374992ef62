using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.SocialMap.Geography;
using Wolverine;
using Wolverine.Http;

namespace Schakel.SocialMap.Directory;

/// <summary>A coordinator (or the provider, by link) replaces an entry with its new statement.</summary>
public static class ReviseTherapistLocationEndpoint
{
    [WolverinePut("/api/socialmap/locations/{id:guid}"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Change a therapist location (the whole entry); an unchanged entry records nothing")]
    public static async Task<Results<Ok<LocationView>, ProblemHttpResult>> Put(
        Guid id, TherapistLocationEntry request, HttpContext http, IDocumentSession session, IMessageBus bus, PostcodeAreas areas, TimeProvider clock, CancellationToken ct)
    {
        var by = EntryAuthors.Of(http.User);
        var now = clock.GetUtcNow();
        return LocationCommands.Answer(
            await LocationCommands.ChangeAsync(id, session, bus, l => Decide(l, request, areas, by, now), ct).ConfigureAwait(false), now);
    }

    /// <summary>Retired entries stay as they were; an identical statement is no change.</summary>
    public static (object? Change, ProblemDetails? Problem) Decide(
        TherapistLocation location, TherapistLocationEntry request, PostcodeAreas areas, EntryAuthor by, DateTimeOffset now, Guid? byLinkId = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(request);
        if (location.IsRetired)
        {
            return (null, Problem.Conflict(LocationCommands.Retired));
        }

        var details = request.ToDetails();
        var place = Places.Of(request.Postcode, areas);
        if (DetailsChanges.Between(location.Details, details).Count == 0 && place == location.Place)
        {
            // Nothing new; from the provider it still confirms the entry (and uses up her link).
            return by.Source == EntrySource.Provider ? (new TherapistLocationVerified(location.Id, by, now, byLinkId), null) : (null, null);
        }

        return (new TherapistLocationRevised(location.Id, details, place, by, now, byLinkId), null);
    }
}

/// <summary>Which parts of an entry changed, in the portal's Dutch words (for the history).</summary>
public static class DetailsChanges
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly (string Label, Func<LocationDetails, object?> Part)[] Parts =
    [
        ("naam", d => d.PracticeName),
        ("AGB-code praktijk", d => d.PracticeAgbCode),
        ("AGB-code locatie", d => d.LocationAgbCode),
        ("adres", d => d.Address),
        ("telefoon", d => d.Phone),
        ("e-mail", d => d.Email),
        ("website", d => d.Website),
        ("therapeuten", d => d.Therapists),
        ("aanbod", d => d.Offers),
        ("specialisaties", d => d.Specialisations),
        ("certificaten", d => d.Certificates),
        ("huisbezoek", d => d.HomeVisits),
        ("talen", d => d.Languages),
        ("rolstoeltoegankelijk", d => d.WheelchairAccessible),
        ("financiering", d => d.FundingRoutes),
        ("gecontracteerde verzekeraars", d => d.ContractedInsurers),
        ("neemt patiënten aan", d => d.AcceptingPatients),
        ("wachttijd", d => d.WaitingWeeks),
    ];

    public static IReadOnlyList<string> Between(LocationDetails before, LocationDetails after) =>
        Parts.Where(p => JsonSerializer.Serialize(p.Part(before), Json) != JsonSerializer.Serialize(p.Part(after), Json))
            .Select(p => p.Label).ToList();
}
