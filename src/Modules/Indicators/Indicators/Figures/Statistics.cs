namespace Schakel.Indicators.Figures;

/// <summary>The statistics the definitions name (docs/indicators.md says which is used where).</summary>
public static class Statistics
{
    /// <summary>The middle value; with an even number of values the mean of the two middle ones. Null when empty.</summary>
    public static decimal? Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of
    /// the values at or below it (rank = ceiling(percent / 100 × n)). Null when empty.
    /// </summary>
    public static decimal? Percentile(IEnumerable<decimal> values, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100m * sorted.Count);
        return sorted[Math.Max(rank, 1) - 1];
    }

    /// <summary>Numerator as a percentage of the denominator, to one decimal; null without a denominator.</summary>
    public static decimal? Percentage(int numerator, int denominator) =>
        denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero);

    public static decimal? Mean(IEnumerable<decimal> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 1, MidpointRounding.AwayFromZero);
    }

    public static decimal? OneDecimal(decimal? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;
}
