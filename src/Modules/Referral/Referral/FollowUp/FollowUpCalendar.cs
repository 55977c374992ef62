namespace Schakel.Referral.FollowUp;

/// <summary>Days as the practice counts them: in Europe/Amsterdam, weeks from Monday to Sunday.</summary>
public static class FollowUpCalendar
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Amsterdam).DateTime);
    }

    /// <summary>The Sunday that ends the week of <paramref name="day"/>.</summary>
    public static DateOnly EndOfWeek(DateOnly day) => day.AddDays((7 - (int)day.DayOfWeek) % 7);
}
