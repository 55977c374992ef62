namespace Schakel.BuildingBlocks.Identifiers;

/// <summary>Format checks for the Dutch identifiers care providers and patients carry.</summary>
public static class CareIdentifiers
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

    private static bool IsDigits(string? value, int length) =>
        value is not null && value.Length == length && value.All(char.IsAsciiDigit);
}
