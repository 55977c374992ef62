using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Tests.ResponsePromise;

public sealed class DutchHolidaysInAYear
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void easter_sunday_falls_on_the_known_date(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), DutchHolidays.EasterSunday(year));

    [Fact]
    public void the_default_holidays_of_2026_are_the_fixed_and_easter_based_days_in_order() =>
        Assert.Equal(
            [
                new DateOnly(2026, 1, 1),
                new DateOnly(2026, 4, 6),
                new DateOnly(2026, 4, 27),
                new DateOnly(2026, 5, 14),
                new DateOnly(2026, 5, 25),
                new DateOnly(2026, 12, 25),
                new DateOnly(2026, 12, 26),
            ],
            DutchHolidays.In(2026, HolidayRules.Default));

    [Fact]
    public void kings_day_on_a_sunday_moves_to_saturday_the_26th_so_no_weekday_is_lost()
    {
        var holidays = DutchHolidays.In(2025, HolidayRules.Default);
        var calendar = new WorkingDayCalendar(HolidayRules.Default);

        Assert.Contains(new DateOnly(2025, 4, 26), holidays);
        Assert.DoesNotContain(new DateOnly(2025, 4, 27), holidays);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 4, 25)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 4, 28)));
    }

    [Fact]
    public void kings_day_on_a_weekday_closes_that_day() =>
        Assert.False(new WorkingDayCalendar(HolidayRules.Default).IsWorkingDay(new DateOnly(2026, 4, 27)));

    [Fact]
    public void liberation_day_closes_only_lustrum_years_by_default()
    {
        var calendar = new WorkingDayCalendar(HolidayRules.Default);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 5, 5)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 5, 5)));
    }

    [Fact]
    public void liberation_day_can_close_every_year_or_never()
    {
        var everyYear = new WorkingDayCalendar(new HolidayRules(LiberationDay: LiberationDayRule.EveryYear));
        var never = new WorkingDayCalendar(new HolidayRules(LiberationDay: LiberationDayRule.Never));

        Assert.False(everyYear.IsWorkingDay(new DateOnly(2026, 5, 5)));
        Assert.True(never.IsWorkingDay(new DateOnly(2025, 5, 5)));
    }

    [Fact]
    public void good_friday_is_a_holiday_only_when_configured()
    {
        var goodFriday = new DateOnly(2026, 4, 3);

        Assert.DoesNotContain(goodFriday, DutchHolidays.In(2026, HolidayRules.Default));
        Assert.Contains(goodFriday, DutchHolidays.In(2026, new HolidayRules(GoodFriday: true)));
        Assert.True(new WorkingDayCalendar(HolidayRules.Default).IsWorkingDay(goodFriday));
        Assert.False(new WorkingDayCalendar(new HolidayRules(GoodFriday: true)).IsWorkingDay(goodFriday));
    }

    [Fact]
    public void ascension_day_on_liberation_day_is_listed_once()
    {
        // Easter 2005 was 27 March, so Ascension Day fell on 5 May.
        var holidays = DutchHolidays.In(2005, new HolidayRules(LiberationDay: LiberationDayRule.EveryYear));

        Assert.Single(holidays, d => d == new DateOnly(2005, 5, 5));
        Assert.Equal(holidays.Order(), holidays);
    }
}
