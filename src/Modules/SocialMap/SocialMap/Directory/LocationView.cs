using Schakel.SocialMap.Contracts;

namespace Schakel.SocialMap.Directory;

/// <summary>One entry as the API and the portal show it, with how fresh it is.</summary>
public sealed record LocationView(
    Guid Id,
    string PracticeName,
    string PracticeAgbCode,
    string? LocationAgbCode,
    LocationAddress Address,
    string Municipality,
    double Latitude,
    double Longitude,
    string? Phone,
    string? Email,
    string? Website,
    IReadOnlyList<Therapist> Therapists,
    IReadOnlyList<TherapistDiscipline> Disciplines,
    IReadOnlyList<FallsPreventionOffer> Offers,
    IReadOnlyList<string> Specialisations,
    IReadOnlyList<string> Certificates,
    bool HomeVisits,
    IReadOnlyList<string> Languages,
    bool WheelchairAccessible,
    IReadOnlyList<FundingRoute> FundingRoutes,
    IReadOnlyList<string> ContractedInsurers,
    bool AcceptingPatients,
    int? WaitingWeeks,
    DateTimeOffset ListedAt,
    DateTimeOffset LastVerifiedAt,
    bool Stale,
    DateTimeOffset? RetiredAt)
{
    public static LocationView Of(TherapistLocation location, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(location);
        var d = location.Details;
        return new LocationView(
            location.Id, d.PracticeName, d.PracticeAgbCode, d.LocationAgbCode, d.Address, location.Place.Municipality,
            location.Place.Latitude, location.Place.Longitude, d.Phone, d.Email, d.Website, d.Therapists, d.Disciplines, d.Offers,
            d.Specialisations, d.Certificates, d.HomeVisits, d.Languages, d.WheelchairAccessible, d.FundingRoutes, d.ContractedInsurers,
            d.AcceptingPatients, d.WaitingWeeks, location.ListedAt, location.LastVerifiedAt,
            !location.IsRetired && Freshness.Freshness.IsStale(location.LastVerifiedAt, now), location.RetiredAt);
    }
}
