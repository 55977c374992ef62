using Schakel.SocialMap.Contracts;

namespace Schakel.Referral.FallsPrevention;

/// <summary>
/// The Referral module's own copy of a social-map location it can refer patients to for falls
/// prevention, kept from the social map's integration events (never read from its tables).
/// </summary>
public sealed record FallsPreventionProvider(
    Guid Id,
    string PracticeName,
    string Postcode,
    string City,
    string Municipality,
    IReadOnlyList<TherapistDiscipline> Disciplines,
    IReadOnlyList<FallsPreventionOffer> Offers,
    DateTimeOffset ListedAt,
    string? Email = null,
    DateTimeOffset? ChangedAt = null,
    DateTimeOffset? RetiredAt = null)
{
    /// <summary>The time of the social map's state this copy holds.</summary>
    public DateTimeOffset AsOf => ChangedAt ?? ListedAt;

    public bool IsRetired => RetiredAt is not null;
}
