namespace Schakel.Indicators.Figures;

public enum IndicatorTheme
{
    Consultation = 1,
    Referral = 2,
    FollowUp = 3,
    FallsPrevention = 4,
    SocialMap = 5,
}

public enum FigureUnit
{
    Count = 1,
    Percentage = 2,
    Hours = 3,
    Score = 4,
}

/// <summary>What a figure counts, in the words users read (Dutch): the tooltip and docs/indicators.md.</summary>
public sealed record IndicatorDefinition(string Name, string Numerator, string? Denominator, string Exclusions);

/// <summary>One slice of a figure (an outcome, a patient group, a municipality and discipline).</summary>
public sealed record FigurePart(string Label, decimal Value);

/// <summary>One record behind a figure: never patient data; a link only to the practice's own record.</summary>
public sealed record DrillRow(Guid? PracticeId, string? Link, IReadOnlyList<string> Cells);

/// <summary>A figure for one period and scope, with the records behind it.</summary>
/// <param name="Patients">The number of different patients the figure is computed from; null when it is not about patients (the social map).</param>
/// <param name="RowsOf">
/// The rows behind it, made only when asked: a dashboard measures every figure for thirteen periods and
/// needs none of their rows (formatting them was most of its time).
/// </param>
public sealed record Measurement(
    decimal? Value, int? Numerator, int? Denominator, int? Patients, IReadOnlyList<FigurePart> Parts, IReadOnlyList<string> Columns, Func<IReadOnlyList<DrillRow>> RowsOf)
{
    public Measurement(decimal? value, int? numerator, int? denominator, int? patients, IReadOnlyList<FigurePart> parts, IReadOnlyList<string> columns, IReadOnlyList<DrillRow> rows)
        : this(value, numerator, denominator, patients, parts, columns, () => rows)
    {
    }

    public IReadOnlyList<DrillRow> Rows => RowsOf();
}

/// <summary>One indicator of the regional programme: its key, its definition and how it is measured.</summary>
public sealed class Indicator(
    string key, IndicatorTheme theme, FigureUnit unit, IndicatorDefinition definition, Func<IndicatorData, Period, DateTimeOffset, Measurement> measure)
{
    public string Key { get; } = key;

    public IndicatorTheme Theme { get; } = theme;

    public FigureUnit Unit { get; } = unit;

    public IndicatorDefinition Definition { get; } = definition;

    /// <summary>Whether a practice has a figure of its own (the social map is the region's).</summary>
    public bool PerPractice => Theme != IndicatorTheme.SocialMap;

    public Measurement Measure(IndicatorData data, Period period, DateTimeOffset now) => measure(data, period, now);
}
