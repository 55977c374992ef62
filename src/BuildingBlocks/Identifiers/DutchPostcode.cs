using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Schakel.BuildingBlocks.Identifiers;

/// <summary>
/// A Dutch postcode: four digits (the first not 0) and two letters, never SA, SD or SS.
/// Accepts "5042ab", "5042 AB" and "5042  AB"; always written as "5042 AB".
/// </summary>
public readonly partial record struct DutchPostcode
{
    private DutchPostcode(string digits, string letters)
    {
        Digits = digits;
        Letters = letters;
    }

    /// <summary>The four-digit area (PC4) used to place a postcode on the map.</summary>
    public string Digits { get; }

    public string Letters { get; }

    public override string ToString() => $"{Digits} {Letters}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out DutchPostcode? postcode)
    {
        postcode = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var letters = match.Groups["letters"].Value.ToUpperInvariant();
        if (letters is "SA" or "SD" or "SS")
        {
            return false;
        }

        postcode = new DutchPostcode(match.Groups["digits"].Value, letters);
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    [GeneratedRegex("^(?<digits>[1-9][0-9]{3}) *(?<letters>[A-Za-z]{2})$")]
    private static partial Regex Shape();
}
