using Schakel.Host.Live;

namespace Schakel.Platform.Tests;

/// <summary>
/// The prefix of the live channel's Redis channels: what keeps two deployments on one Redis apart
/// (docs/adr/0011, amendment of 2026-12-06).
/// </summary>
public sealed class NamingTheLiveChannelsOnRedis
{
    [Fact]
    public void without_a_configured_prefix_each_environment_has_its_own()
    {
        var unset = new LiveOptions();

        Assert.Equal("schakel-live:production:", unset.ChannelPrefixFor("Production"));
        Assert.Equal("schakel-live:staging:", unset.ChannelPrefixFor("Staging"));
        Assert.Equal("schakel-live:acceptatie-regio-oost:", unset.ChannelPrefixFor("Acceptatie regio/oost"));
    }

    [Fact]
    public void a_configured_prefix_wins_over_the_environment()
    {
        var configured = new LiveOptions { RedisChannelPrefix = " schakel-live:regio-west: " };

        Assert.Equal("schakel-live:regio-west:", configured.ChannelPrefixFor("Production"));
    }

    [Theory]
    [InlineData("schakel live")]
    [InlineData("schakel*")]
    [InlineData("regio\nwest")]
    public void a_prefix_with_spaces_or_pattern_characters_stops_the_start(string prefix)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new LiveOptions { RedisChannelPrefix = prefix }.ChannelPrefixFor("Production"));

        Assert.Contains("Schakel:Live:RedisChannelPrefix", refused.Message, StringComparison.Ordinal);
    }
}
