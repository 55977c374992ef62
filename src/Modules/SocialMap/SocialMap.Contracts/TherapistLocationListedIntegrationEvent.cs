namespace Schakel.SocialMap.Contracts;

/// <summary>
/// A therapist location now appears on the social map, so other modules may offer it as a
/// falls-prevention referral target. Message identity: <see cref="MessageIdentity"/>.
/// Change only by adding fields. <see cref="Email"/> is the location's address for referrals (added later, may be null).
/// <see cref="LastVerifiedAt"/> is when the entry was last confirmed as correct (added later; null from older senders).
/// </summary>
public sealed record TherapistLocationListedIntegrationEvent(
    Guid LocationId,
    string PracticeName,
    string Postcode,
    string City,
    string Municipality,
    IReadOnlyList<TherapistDiscipline> Disciplines,
    IReadOnlyList<FallsPreventionOffer> Offers,
    DateTimeOffset ListedAt,
    string? Email = null,
    DateTimeOffset? LastVerifiedAt = null)
{
    public const string MessageIdentity = "social-map.therapist-location-listed.v1";
}
