using Schakel.SocialMap.Contracts;

namespace Schakel.SocialMap.Directory;

/// <summary>A therapist named at a location, with the registrations that identify her.</summary>
public sealed record Therapist(string Name, TherapistDiscipline Discipline, string AgbCode, string? BigNumber);

/// <summary>The street address of a location; the postcode is always written "5042 AB".</summary>
public sealed record LocationAddress(string Street, string HouseNumber, string Postcode, string City);

/// <summary>A coordinator put a therapist location on the social map.</summary>
public sealed record TherapistLocationListed(
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
    DateTimeOffset ListedAt);
