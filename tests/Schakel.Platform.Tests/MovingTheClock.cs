using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Schakel.Host.Infrastructure;

namespace Schakel.Platform.Tests;

/// <summary>
/// Schakel:Clock:Shift (docs/adr/0025): a real host process with its clock moved, for the fault
/// tests; never in Production, where the start stops with a sentence saying why.
/// </summary>
public sealed class MovingTheClock
{
    [Fact]
    public void without_the_setting_the_host_keeps_the_system_clock()
    {
        Assert.Same(TimeProvider.System, HostClock.For(Settings(null), In(Environments.Production)));
    }

    [Fact]
    public void a_shift_moves_the_clock_outside_production()
    {
        var clock = HostClock.For(Settings("-2.03:00:00"), In("FaultTesting"));

        var expected = DateTimeOffset.UtcNow - new TimeSpan(2, 3, 0, 0);
        Assert.InRange(clock.GetUtcNow(), expected - TimeSpan.FromSeconds(5), expected + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void a_shift_stops_the_start_in_production()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => HostClock.For(Settings("00:00:00"), In(Environments.Production)));

        Assert.Contains(HostClock.ShiftSetting, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Production", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_shift_that_is_no_time_span_stops_the_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => HostClock.For(Settings("twee dagen"), In("FaultTesting")));

        Assert.Contains("TimeSpan", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? shift) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [HostClock.ShiftSetting] = shift }).Build();

    private static HostingEnvironment In(string name) => new() { EnvironmentName = name };
}
