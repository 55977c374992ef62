using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Schakel.Host.Infrastructure;

namespace Schakel.Platform.Tests;

public sealed class NoticingStalledProjections
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly ProjectionStallDetector _detector;

    public NoticingStalledProjections()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Schakel:Health:ProjectionStallAfter"] = "00:01:00" })
            .Build();
        _detector = new ProjectionStallDetector(_clock, configuration);
    }

    [Fact]
    public void a_projection_that_is_behind_but_moving_is_not_stalled()
    {
        _detector.Stalled(100, new Dictionary<string, long> { ["Coverage"] = 10 });
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Empty(_detector.Stalled(200, new Dictionary<string, long> { ["Coverage"] = 50 }));
    }

    [Fact]
    public void a_projection_that_is_behind_and_still_for_too_long_is_stalled()
    {
        _detector.Stalled(100, new Dictionary<string, long> { ["Coverage"] = 10 });
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(["Coverage"], _detector.Stalled(100, new Dictionary<string, long> { ["Coverage"] = 10 }));
    }

    [Fact]
    public void a_projection_that_is_current_is_never_stalled()
    {
        _detector.Stalled(100, new Dictionary<string, long> { ["Coverage"] = 100 });
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Empty(_detector.Stalled(100, new Dictionary<string, long> { ["Coverage"] = 100 }));
    }
}
