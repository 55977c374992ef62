namespace Schakel.SocialMap.Directory;

/// <summary>
/// A therapist practice location on the social map, rebuilt from its events. Stored inline as a
/// snapshot so a coordinator reads her own write at once. Only the latest e-mailed provider link
/// is good, and only once: a newer link or its use closes it.
/// </summary>
public sealed record TherapistLocation(
    Guid Id,
    LocationDetails Details,
    LocationPlace Place,
    DateTimeOffset ListedAt,
    DateTimeOffset LastVerifiedAt,
    DateTimeOffset LastChangedAt,
    DateTimeOffset? RetiredAt,
    string? RetiredReason,
    Guid? OpenLinkId,
    DateTimeOffset? LastLinkSentAt)
{
    public bool IsRetired => RetiredAt is not null;

    public static TherapistLocation Create(TherapistLocationListedV1 listed) => Create(listed.Upcast());

    public static TherapistLocation Create(TherapistLocationListed listed) => new(
        listed.LocationId, listed.Details, listed.Place, listed.ListedAt, listed.ListedAt, listed.ListedAt, null, null, null, null);

    public TherapistLocation Apply(TherapistLocationRevised revised) => this with
    {
        Details = revised.Details,
        Place = revised.Place,
        LastChangedAt = revised.RevisedAt,
        LastVerifiedAt = revised.By.Source == EntrySource.Provider ? revised.RevisedAt : LastVerifiedAt,
        OpenLinkId = revised.ByLinkId is { } used && used == OpenLinkId ? null : OpenLinkId,
    };

    public TherapistLocation Apply(TherapistLocationVerified verified) => this with
    {
        LastVerifiedAt = verified.VerifiedAt,
        OpenLinkId = verified.ByLinkId is { } used && used == OpenLinkId ? null : OpenLinkId,
    };

    public TherapistLocation Apply(TherapistLocationRetired retired) => this with
    {
        RetiredAt = retired.RetiredAt,
        RetiredReason = retired.Reason,
        LastChangedAt = retired.RetiredAt,
        OpenLinkId = null,
    };

    public TherapistLocation Apply(ProviderLinkSent sent) => this with { OpenLinkId = sent.LinkId, LastLinkSentAt = sent.SentAt };
}
