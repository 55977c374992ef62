using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Tests.ResponsePromise;

public sealed class PausingAResponsePromise
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly WorkingDayCalendar Calendar = new(HolidayRules.Default);

    // Monday 2 March 2026, 09:00; a promise of 2 working days is due Wednesday 09:00.
    private static readonly DateTimeOffset Posted = new(2026, 3, 2, 9, 0, 0, Winter);
    private static readonly DateTimeOffset Later = new(2026, 3, 20, 9, 0, 0, Winter);

    private static DateTimeOffset March(int day, int hour) => new(2026, 3, day, hour, 0, 0, Winter);

    [Fact]
    public void without_pauses_the_promise_is_due_that_many_working_days_later() =>
        Assert.Equal(March(4, 9), Calendar.Due(Posted, 2, [], Later));

    [Fact]
    public void a_pause_of_half_a_working_day_moves_the_due_moment_by_half_a_working_day() =>
        Assert.Equal(March(4, 21), Calendar.Due(Posted, 2, [new Pause(March(3, 6), March(3, 18))], Later));

    [Fact]
    public void a_pause_over_the_weekend_moves_nothing() =>
        Assert.Equal(March(4, 9), Calendar.Due(Posted, 2, [new Pause(March(7, 0), March(9, 0))], Later));

    [Fact]
    public void an_open_pause_keeps_moving_the_due_moment_with_now()
    {
        Pause[] pauses = [new Pause(March(3, 0), null)];

        Assert.Equal(March(4, 21), Calendar.Due(Posted, 2, pauses, March(3, 12)));
        Assert.Equal(March(5, 9), Calendar.Due(Posted, 2, pauses, March(4, 0)));
        Assert.Equal(March(9, 9), Calendar.Due(Posted, 2, pauses, March(6, 0)));
    }

    [Fact]
    public void overlapping_pauses_stop_the_clock_once() =>
        Assert.Equal(
            March(4, 21),
            Calendar.Due(Posted, 2, [new Pause(March(3, 6), March(3, 15)), new Pause(March(3, 12), March(3, 18))], Later));

    [Fact]
    public void a_pause_before_posting_counts_only_from_posting() =>
        Assert.Equal(March(4, 12), Calendar.Due(Posted, 2, [new Pause(March(2, 0), March(2, 12))], Later));

    [Fact]
    public void elapsed_excludes_the_working_time_of_pauses() =>
        Assert.Equal(1.5, Calendar.Elapsed(Posted, [new Pause(March(3, 6), March(3, 18))], March(4, 9)), 12);

    [Fact]
    public void elapsed_does_not_grow_during_an_open_pause()
    {
        Pause[] pauses = [new Pause(March(3, 9), null)];

        Assert.Equal(1, Calendar.Elapsed(Posted, pauses, March(3, 9)), 12);
        Assert.Equal(1, Calendar.Elapsed(Posted, pauses, March(5, 15)), 12);
    }

    [Fact]
    public void elapsed_and_the_working_days_left_make_up_the_promise()
    {
        Pause[] pauses = [new Pause(March(3, 6), March(3, 18)), new Pause(March(4, 20), null)];
        foreach (var now in new[] { Posted, March(3, 10), March(4, 0), March(5, 11) })
        {
            var left = Calendar.WorkingDaysBetween(now, Calendar.Due(Posted, 3, pauses, now));

            Assert.Equal(3, Calendar.Elapsed(Posted, pauses, now) + left, 9);
        }
    }

    [Fact]
    public void a_pause_that_ends_before_it_starts_is_refused() =>
        Assert.Throws<ArgumentException>(() => Calendar.Due(Posted, 2, [new Pause(March(3, 18), March(3, 6))], Later));
}
