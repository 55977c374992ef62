using System.Text.RegularExpressions;

namespace Schakel.BuildingBlocks.Identifiers;

/// <summary>Format checks for the Dutch identifiers care providers and patients carry.</summary>
public static partial class CareIdentifiers
{
    /// <summary>AGB code (Vektis): eight digits; the first two name the kind of care provider.</summary>
    public static bool IsAgbCode(string? value) => IsDigits(value, 8);

    /// <summary>BIG register number: eleven digits.</summary>
    public static bool IsBigNumber(string? value) => IsDigits(value, 11);

    /// <summary>
    /// BSN: nine digits passing the eleven-proof (9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11, and not 0).
    /// </summary>
    public static bool IsBsn(string? value)
    {
        if (!IsDigits(value, 9))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (value![i] - '0');
        }

        sum -= value![8] - '0';
        return sum != 0 && sum % 11 == 0;
    }

    /// <summary>
    /// Whether free text holds something that passes as a BSN: a run of exactly nine digits, or
    /// the written form in groups of 4-2-3 ("1234.56.782", "1234 56 782"), passing the eleven-proof.
    /// Used to keep patient data out of logs and e-mail; other numbers (AGB, phone) are left alone,
    /// and so are digits inside a long hexadecimal token (a GUID, a trace id), which no one writes a
    /// BSN into.
    /// </summary>
    public static bool ContainsBsn(string? text) =>
        text is not null && Candidates(text).Any();

    /// <summary>Replaces everything <see cref="ContainsBsn"/> would find with <paramref name="replacement"/>.</summary>
    public static string MaskBsns(string text, string replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = Candidates(text).ToList();
        if (found.Count == 0)
        {
            return text;
        }

        var masked = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var match in found)
        {
            masked.Append(text, at, match.Index - at).Append(replacement);
            at = match.Index + match.Length;
        }

        return masked.Append(text, at, text.Length - at).ToString();
    }

    private static IEnumerable<Match> Candidates(string text)
    {
        var hexTokens = HexTokens().Matches(text).Where(t => t.Length >= 16 && t.Value.Any(char.IsAsciiLetter)).ToList();
        return BsnCandidates().Matches(text)
            .Where(m => IsBsn(DigitsOf(m.Value)))
            .Where(m => !hexTokens.Any(t => m.Index >= t.Index && m.Index + m.Length <= t.Index + t.Length));
    }

    private static string DigitsOf(string candidate) => string.Concat(candidate.Where(char.IsAsciiDigit));

    private static bool IsDigits(string? value, int length) =>
        value is not null && value.Length == length && value.All(char.IsAsciiDigit);

    // Hexadecimal groups joined by dashes: GUIDs ("0199a1b2-c3d4-..."), W3C trace ids.
    [GeneratedRegex(@"[0-9a-fA-F]+(?:-[0-9a-fA-F]+)*")]
    private static partial Regex HexTokens();

    // Nine digits, optionally grouped 4-2-3 with one kind of separator, not part of a longer number.
    [GeneratedRegex(@"(?<!\d)\d{4}(?<sep>[ .]?)\d{2}\k<sep>\d{3}(?!\d)")]
    private static partial Regex BsnCandidates();
}
