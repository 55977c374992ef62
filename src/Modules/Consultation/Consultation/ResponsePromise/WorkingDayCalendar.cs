namespace Schakel.Consultation.ResponsePromise;

public enum LiberationDayRule
{
    Never,
    LustrumYearsOnly,
    EveryYear,
}

/// <summary>Which optional Dutch holidays count (Good Friday in some sectors, Liberation Day every five years for many employers).</summary>
public sealed record HolidayRules(bool GoodFriday = false, LiberationDayRule LiberationDay = LiberationDayRule.LustrumYearsOnly)
{
    public static readonly HolidayRules Default = new();
}

/// <summary>Dutch public holidays, computed for any year (Easter by the anonymous Gregorian algorithm).</summary>
public static class DutchHolidays
{
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    public static IReadOnlyList<DateOnly> In(int year, HolidayRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var easter = EasterSunday(year);
        var kingsDay = new DateOnly(year, 4, 27);
        var days = new List<DateOnly>
        {
            new(year, 1, 1),
            easter,
            easter.AddDays(1),
            kingsDay.DayOfWeek == DayOfWeek.Sunday ? kingsDay.AddDays(-1) : kingsDay,
            easter.AddDays(39),
            easter.AddDays(49),
            easter.AddDays(50),
            new(year, 12, 25),
            new(year, 12, 26),
        };
        if (rules.GoodFriday)
        {
            days.Add(easter.AddDays(-2));
        }

        if (rules.LiberationDay == LiberationDayRule.EveryYear || (rules.LiberationDay == LiberationDayRule.LustrumYearsOnly && year % 5 == 0))
        {
            days.Add(new DateOnly(year, 5, 5));
        }

        return days.Distinct().Order().ToList();
    }
}

/// <summary>A pause of the response clock (waiting for the GP's clarification); End null while it lasts.</summary>
public sealed record Pause(DateTimeOffset Start, DateTimeOffset? End);

/// <summary>
/// Working days in Europe/Amsterdam. A working day (Monday to Friday, not a holiday) counts as
/// exactly one from its local midnight to the next, whatever its length (23 or 25 hours when the
/// clocks change), so "two working days later" keeps the local time of day. A moment on a
/// weekend or holiday counts as the start of the next working day.
/// </summary>
public sealed class WorkingDayCalendar(HolidayRules rules)
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private readonly Dictionary<int, HashSet<DateOnly>> _holidays = [];
    private readonly Lock _lock = new();

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !HolidaysIn(date.Year).Contains(date);

    public DateTimeOffset AddWorkingDays(DateTimeOffset start, double workingDays)
    {
        var (date, fraction) = Position(start);
        var remaining = Math.Max(0, workingDays);
        while (fraction + remaining >= 1)
        {
            remaining -= 1 - fraction;
            date = NextWorkingDay(date);
            fraction = 0;
        }

        return At(date, fraction + remaining);
    }

    public double WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0;
        }

        var (date, fraction) = Position(from);
        var (endDate, endFraction) = Position(to);
        var total = 0d;
        while (date < endDate)
        {
            total += 1 - fraction;
            date = NextWorkingDay(date);
            fraction = 0;
        }

        return total + Math.Max(0, endFraction - fraction);
    }

    /// <summary>Working days consumed since posting, without the time the clock was paused.</summary>
    public double Elapsed(DateTimeOffset postedAt, IReadOnlyList<Pause> pauses, DateTimeOffset now) =>
        Math.Max(0, WorkingDaysBetween(postedAt, now) - Paused(postedAt, pauses, now));

    /// <summary>The promised moment: the promise in working days after posting, moved on by every pause (an open pause keeps moving it).</summary>
    public DateTimeOffset Due(DateTimeOffset postedAt, int promiseWorkingDays, IReadOnlyList<Pause> pauses, DateTimeOffset now) =>
        AddWorkingDays(postedAt, promiseWorkingDays + Paused(postedAt, pauses, now));

    private double Paused(DateTimeOffset postedAt, IReadOnlyList<Pause> pauses, DateTimeOffset now) =>
        pauses.Sum(p => WorkingDaysBetween(p.Start < postedAt ? postedAt : p.Start, p.End is { } end && end < now ? end : now));

    /// <summary>The working day a moment falls in and how far into it (0..1); non-working moments sit at the next working day's start.</summary>
    private (DateOnly Date, double Fraction) Position(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Amsterdam);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(date))
        {
            return (NextWorkingDay(date), 0);
        }

        var start = StartOf(date);
        var length = StartOf(date.AddDays(1)) - start;
        return (date, (moment - start) / length);
    }

    private DateTimeOffset At(DateOnly date, double fraction)
    {
        var start = StartOf(date);
        var instant = start + ((StartOf(date.AddDays(1)) - start) * fraction);
        return TimeZoneInfo.ConvertTime(instant, Amsterdam);
    }

    /// <summary>Local midnight in Amsterdam (which always exists: the clocks change at 02:00 and 03:00).</summary>
    private static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }

    private DateOnly NextWorkingDay(DateOnly date)
    {
        var next = date.AddDays(1);
        while (!IsWorkingDay(next))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    private HashSet<DateOnly> HolidaysIn(int year)
    {
        lock (_lock)
        {
            if (!_holidays.TryGetValue(year, out var days))
            {
                days = [.. DutchHolidays.In(year, rules)];
                _holidays[year] = days;
            }

            return days;
        }
    }
}
