namespace Schakel.SocialMap.Freshness;

/// <summary>
/// How fresh an entry is. Directories go stale quickly, so an entry not verified for six months
/// is flagged in search results, its provider is asked by e-mail to confirm it, and it appears on
/// the coordinator's list of stale entries. Calendar months: verified on 31 August, stale on 28
/// (or 29) February.
/// </summary>
public static class Freshness
{
    public const int StaleAfterMonths = 6;

    /// <summary>The moment an entry verified at <paramref name="lastVerifiedAt"/> becomes stale.</summary>
    public static DateTimeOffset StaleFrom(DateTimeOffset lastVerifiedAt) => lastVerifiedAt.AddMonths(StaleAfterMonths);

    public static bool IsStale(DateTimeOffset lastVerifiedAt, DateTimeOffset now) => now >= StaleFrom(lastVerifiedAt);

    /// <summary>Entries verified before this moment are stale now.</summary>
    public static DateTimeOffset StaleBefore(DateTimeOffset now) => now.AddMonths(-StaleAfterMonths);

    /// <summary>
    /// Entries verified after this moment are not stale now: a query for stale entries takes those
    /// verified before it and keeps the ones <see cref="IsStale"/> calls stale. Three days wider than
    /// <see cref="StaleBefore"/> because months differ in length (verified on 31 August, stale on
    /// 28 February, yet 28 February minus six months is 28 August).
    /// </summary>
    public static DateTimeOffset MayBeStaleBefore(DateTimeOffset now) => StaleBefore(now).AddDays(3);
}
