using Microsoft.Extensions.Configuration;
using Schakel.SocialMap.Search;

namespace Schakel.SocialMap.Tests;

/// <summary>The search page's map: no tiles unless configured, and then only from the tile server's own origin.</summary>
public sealed class ConfiguringTheMapTiles
{
    private static MapTiles From(params (string Key, string? Value)[] settings) =>
        MapTiles.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build());

    [Fact]
    public void without_a_tile_url_there_are_no_tiles_and_no_extra_image_source()
    {
        var tiles = From((MapTiles.UrlSetting, "  "));

        Assert.Null(tiles.UrlTemplate);
        Assert.Null(tiles.ImageSource);
    }

    [Fact]
    public void a_configured_tile_server_is_the_only_image_source_it_adds()
    {
        var tiles = From(
            (MapTiles.UrlSetting, "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            (MapTiles.AttributionSetting, "&copy; OpenStreetMap-bijdragers"));

        Assert.Equal("https://tile.openstreetmap.org/{z}/{x}/{y}.png", tiles.UrlTemplate);
        Assert.Equal("&copy; OpenStreetMap-bijdragers", tiles.Attribution);
        Assert.Equal("https://tile.openstreetmap.org", tiles.ImageSource);
    }

    [Theory]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org")]
    [InlineData("http://tiles.internal.example:8080/osm/{z}/{x}/{y}{r}.png", "http://tiles.internal.example:8080")]
    public void subdomains_and_ports_are_part_of_the_source(string template, string source)
    {
        Assert.Equal(source, MapTiles.SourceOf(template));
    }

    [Theory]
    [InlineData("tile.openstreetmap.org/{z}/{x}/{y}.png")]
    [InlineData("https://tile.openstreetmap.org/tiles.png")]
    [InlineData("javascript:alert(1)//{z}/{x}/{y}")]
    [InlineData("https://tiles{s}.example.org/{z}/{x}/{y}.png")]
    [InlineData("https://user:secret@tile.example.org/{z}/{x}/{y}.png")]
    public void a_malformed_template_is_refused_at_start_up(string template)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => From((MapTiles.UrlSetting, template)));
        Assert.Contains(MapTiles.UrlSetting, refused.Message, StringComparison.Ordinal);
    }
}
