using System.Globalization;
using Schakel.BuildingBlocks.Portal;

namespace Schakel.Indicators.Figures;

public enum PeriodKind
{
    Month = 1,
    Quarter = 2,
}

/// <summary>
/// A calendar month or quarter in Dutch time: from 00:00 Europe/Amsterdam on its first day up to
/// (not including) 00:00 on the first day of the next. A moment counts in the period it falls in.
/// </summary>
public sealed record Period(PeriodKind Kind, int Year, int Number) : IComparable<Period>
{
    public DateOnly FirstDay => new(Year, Kind == PeriodKind.Month ? Number : (Number - 1) * 3 + 1, 1);

    /// <summary>The first day after the period.</summary>
    public DateOnly EndDay => FirstDay.AddMonths(Kind == PeriodKind.Month ? 1 : 3);

    public DateTimeOffset Start => DutchTime.StartOf(FirstDay);

    public DateTimeOffset End => DutchTime.StartOf(EndDay);

    /// <summary>"2026-11" or "2026-Q4": in URLs, the API and CSV files.</summary>
    public string Code => Kind == PeriodKind.Month ? $"{Year:D4}-{Number:D2}" : $"{Year:D4}-Q{Number}";

    /// <summary>"nov 2026" or "K4 2026" (Dutch) / "Nov 2026" or "Q4 2026".</summary>
    public string Label(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Kind == PeriodKind.Month
            ? FirstDay.ToString("MMM yyyy", culture).Replace(".", "", StringComparison.Ordinal)
            : (culture.TwoLetterISOLanguageName == "nl" ? "K" : "Q") + $"{Number} {Year}";
    }

    public bool Contains(DateTimeOffset? moment) => moment is { } m && m >= Start && m < End;

    public bool Contains(DateOnly? day) => day is { } d && d >= FirstDay && d < EndDay;

    public Period Previous() => Kind == PeriodKind.Month
        ? Number == 1 ? this with { Year = Year - 1, Number = 12 } : this with { Number = Number - 1 }
        : Number == 1 ? this with { Year = Year - 1, Number = 4 } : this with { Number = Number - 1 };

    /// <summary>This period and the <paramref name="count"/> - 1 before it, oldest first.</summary>
    public IReadOnlyList<Period> AndPrevious(int count)
    {
        var periods = new List<Period> { this };
        while (periods.Count < count)
        {
            periods.Add(periods[^1].Previous());
        }

        periods.Reverse();
        return periods;
    }

    public static Period Containing(PeriodKind kind, DateTimeOffset moment)
    {
        var day = DutchTime.ToDutch(moment);
        return new(kind, day.Year, kind == PeriodKind.Month ? day.Month : (day.Month - 1) / 3 + 1);
    }

    /// <summary>Reads "2026-11" or "2026-Q4" (also "2026-q4", and the Dutch "2026-K4"); null for anything else.</summary>
    public static Period? Parse(string? code)
    {
        if (code is not { Length: 7 } || code[4] != '-' || !int.TryParse(code.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > 2100)
        {
            return null;
        }

        if (code[5] is 'Q' or 'q' or 'K' or 'k')
        {
            return code[6] is >= '1' and <= '4' ? new(PeriodKind.Quarter, year, code[6] - '0') : null;
        }

        return int.TryParse(code.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
            ? new(PeriodKind.Month, year, month)
            : null;
    }

    public int CompareTo(Period? other) => other is null ? 1 : Start.CompareTo(other.Start);
}
