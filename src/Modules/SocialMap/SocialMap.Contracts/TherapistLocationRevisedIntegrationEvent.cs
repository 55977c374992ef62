namespace Schakel.SocialMap.Contracts;

/// <summary>
/// A listed therapist location changed (name, address, e-mail, disciplines or offers), so other
/// modules update their copy. Carries the whole public state, not a difference, so the last one
/// received wins. Message identity: <see cref="MessageIdentity"/>. Change only by adding fields.
/// <see cref="LastVerifiedAt"/> (added later; null from older senders): a revision by the provider herself also verifies the entry.
/// </summary>
public sealed record TherapistLocationRevisedIntegrationEvent(
    Guid LocationId,
    string PracticeName,
    string Postcode,
    string City,
    string Municipality,
    IReadOnlyList<TherapistDiscipline> Disciplines,
    IReadOnlyList<FallsPreventionOffer> Offers,
    string? Email,
    DateTimeOffset RevisedAt,
    DateTimeOffset? LastVerifiedAt = null)
{
    public const string MessageIdentity = "social-map.therapist-location-revised.v1";
}

/// <summary>
/// The coordinator confirmed that a location's entry is still correct (its freshness starts again).
/// Message identity: <see cref="MessageIdentity"/>. Change only by adding fields.
/// </summary>
public sealed record TherapistLocationVerifiedIntegrationEvent(Guid LocationId, DateTimeOffset VerifiedAt)
{
    public const string MessageIdentity = "social-map.therapist-location-verified.v1";
}

/// <summary>
/// A therapist location left the social map: nobody should be referred to it any more.
/// Message identity: <see cref="MessageIdentity"/>. Change only by adding fields.
/// </summary>
public sealed record TherapistLocationRetiredIntegrationEvent(Guid LocationId, DateTimeOffset RetiredAt)
{
    public const string MessageIdentity = "social-map.therapist-location-retired.v1";
}
