namespace Schakel.Consultation.ResponsePromise;

/// <summary>
/// Dutch public holidays that can close a working day, computed for any year from the Gregorian
/// calendar. Easter Sunday and Whit Sunday are left out: they are Sundays, so they never close a
/// working day.
/// </summary>
public static class DutchHolidays
{
    /// <summary>
    /// Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm
    /// (Meeus/Jones/Butcher).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is before 1583 (the algorithm is Gregorian) or after 9999.</exception>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);

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

    /// <summary>
    /// The holidays of a year under the given rules, sorted and without duplicates (Ascension Day
    /// can fall on 5 May). King's Day is 27 April, or Saturday 26 April when the 27th is a Sunday;
    /// that rule (in force since 2014) is applied to every year.
    /// </summary>
    public static IReadOnlyList<DateOnly> In(int year, HolidayRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        var easter = EasterSunday(year);
        var kingsDay = new DateOnly(year, 4, 27);
        var holidays = new List<DateOnly>
        {
            new(year, 1, 1),
            easter.AddDays(1),
            kingsDay.DayOfWeek == DayOfWeek.Sunday ? kingsDay.AddDays(-1) : kingsDay,
            easter.AddDays(39),
            easter.AddDays(50),
            new(year, 12, 25),
            new(year, 12, 26),
        };
        if (rules.GoodFriday)
        {
            holidays.Add(easter.AddDays(-2));
        }

        var liberationDay = rules.LiberationDay switch
        {
            LiberationDayRule.EveryYear => true,
            LiberationDayRule.LustrumYearsOnly => year % 5 == 0,
            _ => false,
        };
        if (liberationDay)
        {
            holidays.Add(new DateOnly(year, 5, 5));
        }

        return [.. holidays.Distinct().Order()];
    }
}
