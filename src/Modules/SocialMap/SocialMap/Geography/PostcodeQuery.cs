using System.Text.RegularExpressions;

namespace Schakel.SocialMap.Geography;

/// <summary>
/// The postcode a GP searches from: four digits ("5042"), or four digits and two letters
/// ("5042 AB", "5042ab"). Only the four digits (the PC4 area) are used: its centre is the origin.
/// </summary>
public static partial class PostcodeQuery
{
    public const string Invalid = "Vul een postcode in: vier cijfers, eventueel met twee letters (bijvoorbeeld 5042 of 5042 AB).";

    /// <summary>The PC4 digits of a search postcode, or null when it is not shaped like one.</summary>
    public static string? Digits(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = Shape().Match(text.Trim());
        return match.Success && match.Groups["letters"].Value.ToUpperInvariant() is not ("SA" or "SD" or "SS")
            ? match.Groups["digits"].Value
            : null;
    }

    /// <summary>The area to search from, or the Dutch message that explains why there is none.</summary>
    public static (PostcodeArea? Area, string? Problem) Resolve(string? text, PostcodeAreas areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (Digits(text) is not { } digits)
        {
            return (null, Invalid);
        }

        return areas.FindArea(digits) is { } area
            ? (area, null)
            : (null, $"Postcode {digits} kennen we niet. Controleer de cijfers, of zoek vanaf een postcode in de buurt.");
    }

    [GeneratedRegex("^(?<digits>[1-9][0-9]{3})( *(?<letters>[A-Za-z]{2}))?$")]
    private static partial Regex Shape();
}
