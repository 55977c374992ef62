namespace Schakel.Testing;

/// <summary>
/// The system clock moved by a fixed offset: the product's decisions see the time the test
/// chooses, while timers (Wolverine's polling, Kestrel) keep running in real time.
/// </summary>
public sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; set; } = offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>A clock that reads <paramref name="moment"/> now.</summary>
    public static ShiftedClock At(DateTimeOffset moment) => new(moment - System.GetUtcNow());
}
