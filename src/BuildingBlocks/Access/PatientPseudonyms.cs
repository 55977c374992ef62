using System.Security.Cryptography;
using System.Text;

namespace Schakel.BuildingBlocks.Access;

/// <summary>
/// The pseudonymous patient reference that crosses modules, the access log and URLs instead of a
/// BSN or name: a keyed hash (HMAC-SHA256) of the practice and the practice's own patient
/// reference, so the same patient of the same practice always gets the same reference, and
/// nobody without the key can go back or guess it. The key is configuration
/// (Schakel:Pseudonyms:Key, base64, at least 32 bytes); losing it breaks the link between old
/// and new references, so it is backed up with the database.
/// </summary>
public sealed class PatientPseudonyms(byte[] key)
{
    public const string Prefix = "pt-";

    // Sixteen consonants for the sixteen values of a nibble: no digits, so a reference can never
    // hold nine digits that pass the BSN eleven-proof (the access log refuses those), and no vowels,
    // so it never spells a word.
    private const string Alphabet = "bcdfghjklmnpqrst";

    private readonly byte[] _key = key.Length >= 32 ? key : throw new ArgumentException("The pseudonym key must be at least 32 bytes.", nameof(key));

    /// <summary>Whether a value has the shape of a reference this class makes (for input such as a route value).</summary>
    public static bool IsPseudonym(string? value) =>
        value is { Length: 27 } && value.StartsWith(Prefix, StringComparison.Ordinal) && value.AsSpan(Prefix.Length).ContainsAnyExcept(Alphabet) is false;

    public string For(Guid practiceId, string practicePatientReference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(practicePatientReference);
        var input = Encoding.UTF8.GetBytes($"{practiceId:N}:{practicePatientReference.Trim().ToUpperInvariant()}");
        var hash = HMACSHA256.HashData(_key, input);
        var text = new char[24];
        for (var i = 0; i < 12; i++)
        {
            text[2 * i] = Alphabet[hash[i] >> 4];
            text[(2 * i) + 1] = Alphabet[hash[i] & 0x0F];
        }

        return Prefix + new string(text);
    }
}
