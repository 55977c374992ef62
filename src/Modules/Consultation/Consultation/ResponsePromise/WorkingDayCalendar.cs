using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Schakel.Consultation.ResponsePromise;

/// <summary>
/// Counts response promises in Dutch working days: Monday to Friday, minus the
/// <see cref="DutchHolidays"/> of the given rules.
/// </summary>
/// <remarks>
/// <para>
/// Every moment has a working position, measured in Europe/Amsterdam local calendar days. A
/// working day counts as exactly 1 from its local midnight to the next local midnight, whatever
/// its length (23 or 25 hours on a daylight-saving change): a moment inside it is at the fraction
/// elapsed / actual length of that local day. A moment on a weekend or holiday counts as 00:00 of
/// the next working day. So Friday 15:00 + 1 working day is Monday 15:00, and Saturday 10:00
/// + 1 is Tuesday 00:00.
/// </para>
/// <para>
/// Moments are placed within a day by adding the fraction of its length to the day's start in
/// UTC, so nonexistent or ambiguous local clock times never need to be resolved. Returned
/// moments carry the Amsterdam offset of that moment (+01:00 in winter, +02:00 in summer).
/// </para>
/// </remarks>
public sealed class WorkingDayCalendar(HolidayRules rules, bool everyDayWorks = false)
{
    /// <summary>
    /// Set to true for a test host whose every day is a working day (weekends and holidays too),
    /// so a real-process test can put a deadline seconds ahead on any day; refused in Production (docs/adr/0025).
    /// </summary>
    public const string EveryDayWorksSetting = "Schakel:Clock:EveryDayWorks";

    /// <summary>The time zone whose local days are counted.</summary>
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private readonly HolidayRules _rules = rules ?? throw new ArgumentNullException(nameof(rules));
    private readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> _holidaysByYear = new();

    /// <summary>Monday to Friday and not a holiday (every day in a test host's every-day calendar).</summary>
    public bool IsWorkingDay(DateOnly date) =>
        everyDayWorks
        || date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !_holidaysByYear.GetOrAdd(date.Year, year => DutchHolidays.In(year, _rules).ToFrozenSet()).Contains(date);

    /// <summary>
    /// The moment <paramref name="workingDays"/> working days after <paramref name="start"/>'s
    /// working position, walking forward over weekends and holidays. With a fractional result the
    /// fraction is of the target local day's actual length, so the local clock time is kept across
    /// a daylight-saving change. A whole result from a non-working day lands on 00:00.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative, NaN or infinite.</exception>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, double workingDays)
    {
        if (!double.IsFinite(workingDays) || workingDays < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(workingDays), workingDays, "Working days must be zero or more.");
        }

        var (day, fraction) = PositionOf(start);
        var total = fraction + workingDays;
        var whole = Math.Floor(total);
        for (var i = 0; i < whole; i++)
        {
            day = NextWorkingDay(day.AddDays(1));
        }

        var dayStart = StartOf(day);
        var length = StartOf(day.AddDays(1)) - dayStart;
        var ticks = (long)Math.Round((total - whole) * length.Ticks);
        // Rounding can reach the end of the day; that moment belongs to the next working day.
        var moment = ticks >= length.Ticks ? StartOf(NextWorkingDay(day.AddDays(1))) : dayStart.AddTicks(ticks);
        return TimeZoneInfo.ConvertTime(moment, Amsterdam);
    }

    /// <summary>
    /// Working days from <paramref name="from"/>'s working position to <paramref name="to"/>'s;
    /// 0 when <paramref name="to"/> is not after <paramref name="from"/>. The inverse of
    /// <see cref="AddWorkingDays"/>.
    /// </summary>
    public double WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0;
        }

        var (fromDay, fromFraction) = PositionOf(from);
        var (toDay, toFraction) = PositionOf(to);
        var wholeDays = 0;
        for (var day = fromDay; day < toDay; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                wholeDays++;
            }
        }

        return Math.Max(0, wholeDays + toFraction - fromFraction);
    }

    /// <summary>
    /// When the answer to a question posted at <paramref name="postedAt"/> is due:
    /// <paramref name="promiseWorkingDays"/> working days later, plus the working time covered by
    /// the pauses (clipped to [<paramref name="postedAt"/>, <paramref name="now"/>], overlaps
    /// counted once). A pause still open at <paramref name="now"/> counts up to
    /// <paramref name="now"/>, so the due moment keeps moving while paused.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="promiseWorkingDays"/> is negative.</exception>
    /// <exception cref="ArgumentException">A pause ends before it starts.</exception>
    public DateTimeOffset Due(DateTimeOffset postedAt, int promiseWorkingDays, IReadOnlyList<Pause> pauses, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promiseWorkingDays);
        return AddWorkingDays(postedAt, promiseWorkingDays + PausedWorkingDays(postedAt, pauses, now));
    }

    /// <summary>
    /// Working days of the promise consumed by <paramref name="now"/>:
    /// <see cref="WorkingDaysBetween"/>(<paramref name="postedAt"/>, <paramref name="now"/>) minus
    /// the working time inside the pauses (clipped to [<paramref name="postedAt"/>,
    /// <paramref name="now"/>], overlaps counted once). Elapsed plus the working days left until
    /// <see cref="Due"/> is the promise.
    /// </summary>
    /// <exception cref="ArgumentException">A pause ends before it starts.</exception>
    public double Elapsed(DateTimeOffset postedAt, IReadOnlyList<Pause> pauses, DateTimeOffset now) =>
        Math.Max(0, WorkingDaysBetween(postedAt, now) - PausedWorkingDays(postedAt, pauses, now));

    private double PausedWorkingDays(DateTimeOffset postedAt, IReadOnlyList<Pause> pauses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pauses);

        var clipped = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var pause in pauses)
        {
            if (pause.End < pause.Start)
            {
                throw new ArgumentException($"A pause ends ({pause.End:O}) before it starts ({pause.Start:O}).", nameof(pauses));
            }

            var start = pause.Start > postedAt ? pause.Start : postedAt;
            var end = pause.End is { } ended && ended < now ? ended : now;
            if (end > start)
            {
                clipped.Add((start, end));
            }
        }

        // Overlapping pauses stop the clock once, not twice.
        var paused = 0.0;
        DateTimeOffset? spanStart = null;
        var spanEnd = DateTimeOffset.MinValue;
        foreach (var (start, end) in clipped.OrderBy(p => p.Start))
        {
            if (spanStart is not null && start <= spanEnd)
            {
                spanEnd = end > spanEnd ? end : spanEnd;
                continue;
            }

            if (spanStart is { } previous)
            {
                paused += WorkingDaysBetween(previous, spanEnd);
            }

            spanStart = start;
            spanEnd = end;
        }

        if (spanStart is { } last)
        {
            paused += WorkingDaysBetween(last, spanEnd);
        }

        return paused;
    }

    /// <summary>The working day a moment counts in, and the fraction of that day elapsed.</summary>
    private (DateOnly Day, double Fraction) PositionOf(DateTimeOffset moment)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Amsterdam).DateTime);
        if (!IsWorkingDay(day))
        {
            return (NextWorkingDay(day), 0);
        }

        var dayStart = StartOf(day);
        var length = StartOf(day.AddDays(1)) - dayStart;
        return (day, (double)(moment - dayStart).Ticks / length.Ticks);
    }

    private DateOnly NextWorkingDay(DateOnly from)
    {
        var day = from;
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The first moment of a local day, as UTC.</summary>
    private static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Amsterdam switches at 02:00 and 03:00, so its midnight is always unique; these two
        // branches keep the calculation right for a zone that switches at midnight.
        if (Amsterdam.IsAmbiguousTime(midnight))
        {
            var earliest = Amsterdam.GetAmbiguousTimeOffsets(midnight).Max();
            return new DateTimeOffset(midnight - earliest, TimeSpan.Zero);
        }

        if (Amsterdam.IsInvalidTime(midnight))
        {
            // The day starts when the clocks jump forward: midnight by the previous day's offset.
            return new DateTimeOffset(midnight - Amsterdam.GetUtcOffset(midnight.AddDays(-1)), TimeSpan.Zero);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, Amsterdam), TimeSpan.Zero);
    }
}
