using Schakel.SocialMap.Contracts;

namespace Schakel.Indicators.Records;

/// <summary>
/// One social-map location as the indicators count it: where it is and what it offers now (the
/// latest state heard wins), when it was listed and retired, and every moment it was verified, so
/// the coverage and freshness at the end of an earlier period can be counted again.
/// </summary>
public sealed record DirectoryEntryRecord(
    Guid Id,
    string Municipality,
    IReadOnlyList<TherapistDiscipline> Disciplines,
    DateTimeOffset? ListedAt,
    DateTimeOffset? RetiredAt,
    DateTimeOffset StateAt,
    IReadOnlyList<DateTimeOffset> VerifiedAt)
{
    public static DirectoryEntryRecord Fold(DirectoryEntryRecord? record, object e) => e switch
    {
        TherapistLocationListedIntegrationEvent listed => State(record, listed.LocationId, listed.Municipality, listed.Disciplines, listed.ListedAt, listed.LastVerifiedAt ?? listed.ListedAt)
            with { ListedAt = Moments.Earliest(record?.ListedAt, listed.ListedAt) },
        TherapistLocationRevisedIntegrationEvent revised => State(record, revised.LocationId, revised.Municipality, revised.Disciplines, revised.RevisedAt, revised.LastVerifiedAt),
        TherapistLocationVerifiedIntegrationEvent verified => Verified(record ?? Unknown(verified.LocationId), verified.VerifiedAt),
        TherapistLocationRetiredIntegrationEvent retired => (record ?? Unknown(retired.LocationId)) with { RetiredAt = Moments.Earliest(record?.RetiredAt, retired.RetiredAt) },
        _ => record ?? throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a social-map fact."),
    };

    private static DirectoryEntryRecord Unknown(Guid id) => new(id, "", [], null, null, DateTimeOffset.MinValue, []);

    private static DirectoryEntryRecord State(
        DirectoryEntryRecord? record, Guid id, string municipality, IReadOnlyList<TherapistDiscipline> disciplines, DateTimeOffset at, DateTimeOffset? verifiedAt)
    {
        var r = record ?? Unknown(id);
        if (at >= r.StateAt)
        {
            r = r with { Municipality = municipality, Disciplines = disciplines, StateAt = at };
        }

        return verifiedAt is { } v ? Verified(r, v) : r;
    }

    private static DirectoryEntryRecord Verified(DirectoryEntryRecord r, DateTimeOffset at) =>
        r.VerifiedAt.Contains(at) ? r : r with { VerifiedAt = [.. r.VerifiedAt.Append(at).Order()] };
}
