using Schakel.SocialMap.Contracts;

namespace Schakel.SocialMap.Directory;

/// <summary>A therapist named at a location, with the registrations that identify her.</summary>
public sealed record Therapist(string Name, TherapistDiscipline Discipline, string AgbCode, string? BigNumber);

/// <summary>The street address of a location; the postcode is always written "5042 AB".</summary>
public sealed record LocationAddress(string Street, string HouseNumber, string Postcode, string City);

/// <summary>Where a location sits on the map: its postcode area (PC4) centre and municipality.</summary>
public sealed record LocationPlace(string Municipality, double Latitude, double Longitude);

/// <summary>Who changed an entry: a coordinator (with her account), the provider by e-mailed link, or an import.</summary>
public sealed record EntryAuthor(EntrySource Source, Guid? UserId, string Name);

public enum EntrySource
{
    Coordinator = 1,
    Provider = 2,
    Import = 3,
    System = 4,
}

/// <summary>Everything a coordinator or the provider states about a location: the entry, normalised.</summary>
public sealed record LocationDetails(
    string PracticeName,
    string PracticeAgbCode,
    string? LocationAgbCode,
    LocationAddress Address,
    string? Phone,
    string? Email,
    string? Website,
    IReadOnlyList<Therapist> Therapists,
    IReadOnlyList<FallsPreventionOffer> Offers,
    IReadOnlyList<string> Specialisations,
    IReadOnlyList<string> Certificates,
    bool HomeVisits,
    IReadOnlyList<string> Languages,
    bool WheelchairAccessible,
    IReadOnlyList<FundingRoute> FundingRoutes,
    IReadOnlyList<string> ContractedInsurers,
    bool AcceptingPatients,
    int? WaitingWeeks)
{
    public IReadOnlyList<TherapistDiscipline> Disciplines =>
        Therapists.Select(t => t.Discipline).Distinct().Order().ToList();
}

/// <summary>
/// The first shape of a listing (shipped before the entry had offers' funding, languages and
/// availability). Kept so streams written then still load; new listings use <see cref="TherapistLocationListed"/>.
/// </summary>
public sealed record TherapistLocationListedV1(
    Guid LocationId,
    string PracticeName,
    string PracticeAgbCode,
    LocationAddress Address,
    string Municipality,
    double Latitude,
    double Longitude,
    string? Phone,
    string? Email,
    IReadOnlyList<Therapist> Therapists,
    IReadOnlyList<FallsPreventionOffer> Offers,
    DateTimeOffset ListedAt)
{
    /// <summary>The same listing in today's shape: Dutch-speaking, no stated funding, accepting patients.</summary>
    public TherapistLocationListed Upcast() => new(
        LocationId,
        new LocationDetails(PracticeName, PracticeAgbCode, null, Address, Phone, Email, null, Therapists, Offers, [], [], false, ["nl"], false, [], [], true, null),
        new LocationPlace(Municipality, Latitude, Longitude),
        new EntryAuthor(EntrySource.System, null, "Schakel"),
        ListedAt);
}

/// <summary>A coordinator (or an import) put a therapist location on the social map; listing counts as verification.</summary>
public sealed record TherapistLocationListed(Guid LocationId, LocationDetails Details, LocationPlace Place, EntryAuthor By, DateTimeOffset ListedAt);

/// <summary>The entry was changed as a whole. A provider's own revision also verifies it.</summary>
public sealed record TherapistLocationRevised(Guid LocationId, LocationDetails Details, LocationPlace Place, EntryAuthor By, DateTimeOffset RevisedAt, Guid? ByLinkId = null);

/// <summary>Someone confirmed that the entry is still right (the coordinator after a call, or the provider by link).</summary>
public sealed record TherapistLocationVerified(Guid LocationId, EntryAuthor By, DateTimeOffset VerifiedAt, Guid? ByLinkId = null);

/// <summary>The location left the social map (closed, stopped falls prevention, or a duplicate).</summary>
public sealed record TherapistLocationRetired(Guid LocationId, string Reason, EntryAuthor By, DateTimeOffset RetiredAt);

public enum ProviderLinkReason
{
    /// <summary>The coordinator sent it.</summary>
    Requested = 1,

    /// <summary>The entry went unverified for too long.</summary>
    Stale = 2,
}

/// <summary>A signed link to update the entry was e-mailed to the location; it is good once, until it expires.</summary>
public sealed record ProviderLinkSent(Guid LocationId, Guid LinkId, string SentTo, ProviderLinkReason Reason, DateTimeOffset ExpiresAt, EntryAuthor By, DateTimeOffset SentAt);
