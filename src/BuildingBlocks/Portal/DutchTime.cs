using System.Globalization;

namespace Schakel.BuildingBlocks.Portal;

/// <summary>The portal shows and asks for times in Dutch time; the log stores UTC.</summary>
public static class DutchTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static DateTimeOffset ToDutch(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);

    /// <summary>The first moment of a Dutch calendar day.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>A moment as a Dutch user reads it: Amsterdam time, with Dutch day and month names unless the portal speaks English.</summary>
    public static string Format(DateTimeOffset moment) =>
        ToDutch(moment).ToString("ddd d MMM yyyy HH:mm", CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? CultureInfo.CurrentUICulture : Dutch);

    /// <summary>The last moment (to the microsecond PostgreSQL keeps) of a Dutch calendar day.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1)).AddTicks(-TimeSpan.TicksPerMicrosecond);
}
