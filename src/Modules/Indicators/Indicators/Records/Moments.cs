namespace Schakel.Indicators.Records;

/// <summary>The folds keep the first time a change was heard, whatever order the facts arrive in.</summary>
internal static class Moments
{
    public static DateTimeOffset Earliest(DateTimeOffset? known, DateTimeOffset heard) => known is { } k && k <= heard ? k : heard;
}
