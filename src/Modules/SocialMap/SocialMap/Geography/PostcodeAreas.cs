using Schakel.BuildingBlocks.Files;
using System.Collections.Frozen;
using System.Globalization;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.SocialMap.Transfer;

namespace Schakel.SocialMap.Geography;

/// <summary>A Dutch four-digit postcode area (PC4) with its municipality and approximate centre.</summary>
public sealed record PostcodeArea(string Digits, string Municipality, double Latitude, double Longitude);

/// <summary>
/// The PC4 areas of the Netherlands, from GeoNames (CC BY 4.0), embedded in this module.
/// Good enough to rank by distance (a few km error), not for routing.
/// </summary>
public sealed class PostcodeAreas
{
    public const string Attribution = "Postcodecoördinaten: GeoNames (CC BY 4.0)";

    private readonly FrozenDictionary<string, PostcodeArea> _areas;

    private PostcodeAreas(FrozenDictionary<string, PostcodeArea> areas) => _areas = areas;

    public int Count => _areas.Count;

    public IEnumerable<PostcodeArea> All => _areas.Values;

    public PostcodeArea? Find(DutchPostcode postcode) => _areas.GetValueOrDefault(postcode.Digits);

    /// <summary>The area of four digits ("5042").</summary>
    public PostcodeArea? FindArea(string digits) => _areas.GetValueOrDefault(digits);

    public PostcodeArea? Find(string? postcode) =>
        DutchPostcode.TryParse(postcode, out var parsed) ? Find(parsed.Value) : null;

    public static PostcodeAreas LoadEmbedded()
    {
        using var stream = typeof(PostcodeAreas).Assembly.GetManifestResourceStream("Schakel.SocialMap.nl-pc4-centroids.csv")
            ?? throw new InvalidOperationException("The embedded PC4 centroid file is missing from the SocialMap assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Reads the PC4 file (RFC 4180: municipality names may be quoted and hold commas).</summary>
    internal static PostcodeAreas Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = Csv.Read(reader.ReadToEnd());
        var header = records.Count > 0 ? string.Join(',', records[0].Cells) : null;
        if (header != "postcode4,municipality,latitude,longitude")
        {
            throw new InvalidDataException($"Unexpected PC4 header '{header}'.");
        }

        var areas = new Dictionary<string, PostcodeArea>();
        foreach (var record in records.Skip(1).Where(r => !r.IsBlank))
        {
            var parts = record.Cells;
            if (parts.Count != 4)
            {
                throw new InvalidDataException($"PC4 line {record.Row} has {parts.Count} fields, expected 4.");
            }

            areas[parts[0]] = new PostcodeArea(
                parts[0],
                parts[1],
                double.Parse(parts[2], CultureInfo.InvariantCulture),
                double.Parse(parts[3], CultureInfo.InvariantCulture));
        }

        return new PostcodeAreas(areas.ToFrozenDictionary());
    }
}
