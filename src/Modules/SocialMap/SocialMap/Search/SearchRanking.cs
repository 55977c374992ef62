using System.Globalization;

namespace Schakel.SocialMap.Search;

/// <summary>A location within reach, with what the ranking needs.</summary>
public sealed record SearchCandidate(Guid Id, string PracticeName, double DistanceKm, bool Accepting, int? WaitingWeeks, bool Stale);

/// <summary>
/// The order of results: nearest first (to 100 m, since many locations share their postcode
/// area's centre); at the same distance, those accepting patients, then the shortest known
/// waiting time, then fresh entries before stale ones, then by name, so the order is stable.
/// </summary>
public sealed class SearchRanking : IComparer<SearchCandidate>
{
    public static readonly SearchRanking Instance = new();

    private static readonly CompareInfo Dutch = CultureInfo.GetCultureInfo("nl-NL").CompareInfo;

    public static double Rounded(double distanceKm) => Math.Round(distanceKm, 1, MidpointRounding.AwayFromZero);

    public int Compare(SearchCandidate? x, SearchCandidate? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = Rounded(x.DistanceKm).CompareTo(Rounded(y.DistanceKm));
        if (order == 0)
        {
            order = y.Accepting.CompareTo(x.Accepting);
        }

        if (order == 0)
        {
            order = (x.WaitingWeeks ?? int.MaxValue).CompareTo(y.WaitingWeeks ?? int.MaxValue);
        }

        if (order == 0)
        {
            order = x.Stale.CompareTo(y.Stale);
        }

        if (order == 0)
        {
            order = Dutch.Compare(x.PracticeName, y.PracticeName, CompareOptions.IgnoreCase);
        }

        return order != 0 ? order : x.Id.CompareTo(y.Id);
    }
}
