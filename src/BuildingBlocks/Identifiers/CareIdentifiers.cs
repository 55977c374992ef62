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
    /// Used to keep patient data out of logs and e-mail; other numbers (AGB, phone) are left alone.
    /// </summary>
    public static bool ContainsBsn(string? text) =>
        text is not null && BsnCandidates().Matches(text).Any(m => IsBsn(DigitsOf(m.Value)));

    /// <summary>Replaces everything <see cref="ContainsBsn"/> would find with <paramref name="replacement"/>.</summary>
    public static string MaskBsns(string text, string replacement) =>
        BsnCandidates().Replace(text, m => IsBsn(DigitsOf(m.Value)) ? replacement : m.Value);

    private static string DigitsOf(string candidate) => string.Concat(candidate.Where(char.IsAsciiDigit));

    private static bool IsDigits(string? value, int length) =>
        value is not null && value.Length == length && value.All(char.IsAsciiDigit);

    // Nine digits, optionally grouped 4-2-3 with one kind of separator, not part of a longer number.
    [GeneratedRegex(@"(?<!\d)\d{4}(?<sep>[ .]?)\d{2}\k<sep>\d{3}(?!\d)")]
    private static partial Regex BsnCandidates();
}
