using Microsoft.Extensions.Configuration;

namespace Schakel.SocialMap.Search;

/// <summary>
/// The tile server behind the search page's map, from configuration (<see cref="UrlSetting"/>,
/// <see cref="AttributionSetting"/>). None by default: the map then shows the origin, the radius
/// and the results on a plain background, and no request leaves for a third party.
/// </summary>
public sealed record MapTiles(string? UrlTemplate, string? Attribution)
{
    public const string UrlSetting = "Schakel:SocialMap:TileUrl";
    public const string AttributionSetting = "Schakel:SocialMap:TileAttribution";

    public static readonly MapTiles None = new(null, null);

    /// <summary>The Content-Security-Policy source the tiles come from (<c>https://*.tile.example.org</c> for a <c>{s}</c> subdomain), or null.</summary>
    public string? ImageSource => UrlTemplate is null ? null : SourceOf(UrlTemplate);

    public static MapTiles From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = configuration[UrlSetting];
        if (string.IsNullOrWhiteSpace(url))
        {
            return None;
        }

        url = url.Trim();
        _ = SourceOf(url); // refuse a malformed template at start-up, not in a GP's browser
        var attribution = configuration[AttributionSetting];
        return new MapTiles(url, string.IsNullOrWhiteSpace(attribution) ? null : attribution.Trim());
    }

    /// <summary>The scheme, host and port of a Leaflet URL template such as <c>https://tile.openstreetmap.org/{z}/{x}/{y}.png</c>.</summary>
    public static string SourceOf(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var probe = template.Replace("{s}", "subdomain", StringComparison.Ordinal).Replace("{z}", "0", StringComparison.Ordinal)
            .Replace("{x}", "0", StringComparison.Ordinal).Replace("{y}", "0", StringComparison.Ordinal).Replace("{r}", "", StringComparison.Ordinal);
        if (!template.Contains("{z}", StringComparison.Ordinal) || !template.Contains("{x}", StringComparison.Ordinal) || !template.Contains("{y}", StringComparison.Ordinal)
            || !Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || probe.Contains('{', StringComparison.Ordinal)
            || !string.IsNullOrEmpty(uri.UserInfo)
            || (template.Contains("{s}", StringComparison.Ordinal) && !uri.Host.StartsWith("subdomain.", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"{UrlSetting} must be a tile URL template such as https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png ({{s}} only as the first part of the host), not '{template}'.");
        }

        var host = uri.Host.StartsWith("subdomain.", StringComparison.Ordinal) ? "*" + uri.Host["subdomain".Length..] : uri.Host;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
