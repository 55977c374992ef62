using System.Globalization;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// The host's one clock (docs/adr/0025): the system clock, or, for fault tests of a real host
/// process, the system clock moved by <c>Schakel:Clock:Shift</c> (a TimeSpan, e.g. <c>-2.03:00:00</c>).
/// Refused in Production, where a moved clock would put wrong times on the record and send
/// reminders at the wrong moment. Wolverine keeps the real clock for its scheduled messages.
/// </summary>
public static class HostClock
{
    public const string ShiftSetting = "Schakel:Clock:Shift";

    public static TimeProvider For(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[ShiftSetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return TimeProvider.System;
        }

        if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{ShiftSetting} is set ('{configured}'), and the environment is Production: a moved clock is for tests only. " +
                $"Remove the setting (environment variable Schakel__Clock__Shift), or run the test host in another environment (ASPNETCORE_ENVIRONMENT).");
        }

        return TimeSpan.TryParse(configured, CultureInfo.InvariantCulture, out var shift)
            ? new Shifted(shift)
            : throw new InvalidOperationException($"{ShiftSetting} must be a TimeSpan such as -2.03:00:00 (it was '{configured}').");
    }

    /// <summary>The system clock moved by a fixed offset; timers and timestamps stay the system's.</summary>
    public sealed class Shifted(TimeSpan shift) : TimeProvider
    {
        public TimeSpan Shift { get; } = shift;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;

        public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
    }
}
