using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Geography;
using Wolverine;
using Wolverine.Http;

namespace Schakel.SocialMap.Directory;

/// <summary>A coordinator puts a therapist practice location on the social map.</summary>
public static class ListTherapistLocationEndpoint
{
    /// <summary>Only the regional coordinator keeps the social map.</summary>
    [WolverinePost("/api/socialmap/locations"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Put a therapist location on the social map")]
    public static async Task<Created<LocationView>> Post(
        TherapistLocationEntry request, HttpContext http, IDocumentSession session, IMessageBus bus, PostcodeAreas areas, TimeProvider clock)
    {
        var listed = Decide(Guid.CreateVersion7(), request, areas, EntryAuthors.Of(http.User), clock.GetUtcNow());
        session.Events.StartStream<TherapistLocation>(listed.LocationId, listed);
        var location = TherapistLocation.Create(listed);
        await DirectoryContracts.PublishAsync(bus, listed, location).ConfigureAwait(false);
        return TypedResults.Created($"/api/socialmap/locations/{listed.LocationId}", LocationView.Of(location, clock.GetUtcNow()));
    }

    /// <summary>The decision: a validated entry, placed at its postcode area's centre.</summary>
    public static TherapistLocationListed Decide(Guid locationId, TherapistLocationEntry request, PostcodeAreas areas, EntryAuthor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(areas);
        return new TherapistLocationListed(locationId, request.ToDetails(), Places.Of(request.Postcode, areas), by, now);
    }
}

/// <summary>Where an entry's postcode puts it on the map.</summary>
public static class Places
{
    public static LocationPlace Of(string postcode, PostcodeAreas areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var area = areas.Find(postcode) ?? throw new ArgumentException($"Postcode '{postcode}' has no PC4 area; validate first.", nameof(postcode));
        return new LocationPlace(area.Municipality, area.Latitude, area.Longitude);
    }
}

public static class EntryAuthors
{
    /// <summary>The signed-in coordinator as the author of a change.</summary>
    public static EntryAuthor Of(System.Security.Claims.ClaimsPrincipal principal, EntrySource source = EntrySource.Coordinator)
    {
        var user = CareUser.From(principal) ?? throw new InvalidOperationException("A signed-in care user is required here.");
        return new EntryAuthor(source, user.UserId, user.Name);
    }

    public static EntryAuthor Provider(TherapistLocation location) =>
        new(EntrySource.Provider, null, location.Details.PracticeName);
}
