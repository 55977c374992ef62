using Schakel.SocialMap.Contracts;

namespace Schakel.SocialMap.Directory;

/// <summary>
/// A therapist practice location on the social map, rebuilt from its events. Stored inline as a
/// snapshot so a coordinator reads her own write at once.
/// </summary>
public sealed record TherapistLocation(
    Guid Id,
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
    DateTimeOffset ListedAt,
    DateTimeOffset LastVerifiedAt)
{
    public IReadOnlyList<TherapistDiscipline> Disciplines =>
        Therapists.Select(t => t.Discipline).Distinct().Order().ToList();

    public static TherapistLocation Create(TherapistLocationListed listed) => new(
        listed.LocationId,
        listed.PracticeName,
        listed.PracticeAgbCode,
        listed.Address,
        listed.Municipality,
        listed.Latitude,
        listed.Longitude,
        listed.Phone,
        listed.Email,
        listed.Therapists,
        listed.Offers,
        listed.ListedAt,
        LastVerifiedAt: listed.ListedAt);
}
