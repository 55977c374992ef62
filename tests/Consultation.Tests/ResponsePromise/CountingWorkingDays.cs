using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Tests.ResponsePromise;

public sealed class CountingWorkingDays
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);
    private static readonly WorkingDayCalendar Calendar = new(HolidayRules.Default);

    [Fact]
    public void friday_afternoon_plus_one_is_monday_at_the_same_time() =>
        AssertSameMoment(
            new DateTimeOffset(2026, 3, 9, 15, 0, 0, Winter),
            Calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 6, 15, 0, 0, Winter), 1));

    [Fact]
    public void a_test_hosts_every_day_calendar_counts_weekends_and_holidays_too()
    {
        var everyDay = new WorkingDayCalendar(HolidayRules.Default, everyDayWorks: true);

        // Saturday 10:00 + 1 is Sunday 10:00; King's Day 2026 (Monday 27 April) counts too.
        AssertSameMoment(new DateTimeOffset(2026, 3, 8, 10, 0, 0, Winter), everyDay.AddWorkingDays(new DateTimeOffset(2026, 3, 7, 10, 0, 0, Winter), 1));
        Assert.True(everyDay.IsWorkingDay(new DateOnly(2026, 4, 27)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 4, 27)));
    }

    [Fact]
    public void posted_on_saturday_counts_from_monday_midnight() =>
        AssertSameMoment(
            new DateTimeOffset(2026, 3, 10, 0, 0, 0, Winter),
            Calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 7, 10, 0, 0, Winter), 1));

    [Fact]
    public void posted_on_saturday_has_used_nothing_until_monday_midnight()
    {
        var saturday = new DateTimeOffset(2026, 3, 7, 10, 0, 0, Winter);

        Assert.Equal(0, Calendar.WorkingDaysBetween(saturday, new DateTimeOffset(2026, 3, 9, 0, 0, 0, Winter)));
        Assert.Equal(0.25, Calendar.WorkingDaysBetween(saturday, new DateTimeOffset(2026, 3, 9, 6, 0, 0, Winter)), 12);
    }

    [Fact]
    public void the_thursday_before_good_friday_plus_one_is_good_friday_unless_configured()
    {
        var thursday = new DateTimeOffset(2026, 4, 2, 9, 0, 0, Summer);

        AssertSameMoment(new DateTimeOffset(2026, 4, 3, 9, 0, 0, Summer), Calendar.AddWorkingDays(thursday, 1));
        AssertSameMoment(
            new DateTimeOffset(2026, 4, 7, 9, 0, 0, Summer),
            new WorkingDayCalendar(new HolidayRules(GoodFriday: true)).AddWorkingDays(thursday, 1));
    }

    [Fact]
    public void christmas_boxing_day_and_new_year_are_skipped() =>
        // Wed 24 Dec 2025 + 4: Mon 29, Tue 30, Wed 31 Dec, (Thu 1 Jan off) Fri 2 Jan.
        AssertSameMoment(
            new DateTimeOffset(2026, 1, 2, 12, 0, 0, Winter),
            Calendar.AddWorkingDays(new DateTimeOffset(2025, 12, 24, 12, 0, 0, Winter), 4));

    [Fact]
    public void ascension_thursday_is_skipped() =>
        AssertSameMoment(
            new DateTimeOffset(2026, 5, 15, 9, 0, 0, Summer),
            Calendar.AddWorkingDays(new DateTimeOffset(2026, 5, 13, 9, 0, 0, Summer), 1));

    [Fact]
    public void whit_monday_is_skipped() =>
        AssertSameMoment(
            new DateTimeOffset(2026, 5, 26, 9, 0, 0, Summer),
            Calendar.AddWorkingDays(new DateTimeOffset(2026, 5, 22, 9, 0, 0, Summer), 1));

    [Fact]
    public void across_the_spring_clock_change_the_local_time_is_kept_with_the_summer_offset()
    {
        var friday = new DateTimeOffset(2026, 3, 27, 10, 0, 0, Winter);

        AssertSameMoment(new DateTimeOffset(2026, 3, 31, 10, 0, 0, Summer), Calendar.AddWorkingDays(friday, 2));
        Assert.Equal(2, Calendar.WorkingDaysBetween(friday, new DateTimeOffset(2026, 3, 31, 10, 0, 0, Summer)), 12);
    }

    [Fact]
    public void across_the_autumn_clock_change_the_local_time_is_kept_with_the_winter_offset() =>
        AssertSameMoment(
            new DateTimeOffset(2026, 10, 26, 16, 30, 0, Winter),
            Calendar.AddWorkingDays(new DateTimeOffset(2026, 10, 23, 16, 30, 0, Summer), 1));

    [Fact]
    public void returned_moments_carry_the_amsterdam_offset_whatever_the_input_offset() =>
        AssertSameMoment(
            new DateTimeOffset(2026, 7, 7, 10, 0, 0, Summer),
            Calendar.AddWorkingDays(new DateTimeOffset(2026, 7, 6, 8, 0, 0, TimeSpan.Zero), 1));

    [Fact]
    public void no_working_days_between_a_moment_and_an_earlier_one() =>
        Assert.Equal(0, Calendar.WorkingDaysBetween(
            new DateTimeOffset(2026, 3, 10, 9, 0, 0, Winter), new DateTimeOffset(2026, 3, 9, 9, 0, 0, Winter)));

    [Fact]
    public void negative_working_days_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(DateTimeOffset.UnixEpoch, -1));

    public static TheoryData<DateTimeOffset> Instants =>
    [
        new DateTimeOffset(2026, 3, 6, 15, 0, 0, Winter),     // Friday afternoon
        new DateTimeOffset(2026, 3, 7, 10, 0, 0, Winter),     // Saturday
        new DateTimeOffset(2026, 3, 27, 23, 59, 59, Winter),  // just before the spring weekend
        new DateTimeOffset(2026, 4, 2, 0, 0, 0, Summer),      // before Easter
        new DateTimeOffset(2026, 5, 13, 7, 13, 0, Summer),    // before Ascension Day
        new DateTimeOffset(2026, 10, 23, 16, 30, 0, Summer),  // before the autumn weekend
        new DateTimeOffset(2026, 12, 23, 8, 0, 0, Winter),    // before Christmas and New Year
    ];

    [Theory]
    [MemberData(nameof(Instants))]
    public void working_days_between_undoes_adding_working_days(DateTimeOffset start)
    {
        foreach (var days in new[] { 0, 0.25, 0.5, 1, 1.75, 2, 3.1, 5, 10, 20 })
        {
            Assert.Equal(days, Calendar.WorkingDaysBetween(start, Calendar.AddWorkingDays(start, days)), 9);
        }
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public void adding_the_working_days_between_two_moments_on_working_days_reaches_the_later_one(DateTimeOffset start)
    {
        var from = Calendar.AddWorkingDays(start, 0);
        foreach (var to in new[] { from.AddHours(1), from.AddHours(30), from.AddDays(3.5), from.AddDays(16) })
        {
            var target = Calendar.AddWorkingDays(to, 0);
            AssertSameMoment(target, Calendar.AddWorkingDays(from, Calendar.WorkingDaysBetween(from, target)));
        }
    }

    private static void AssertSameMoment(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.Equal((expected, expected.Offset), (actual, actual.Offset));
}
