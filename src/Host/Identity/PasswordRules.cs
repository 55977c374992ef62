using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Schakel.Host.Identity;

/// <summary>
/// Password rules after OWASP ASVS 4 level 2 (V2.1): 12 to 64 characters, any characters, no
/// composition rules, and not a common or guessable password: not on the embedded list of
/// common passwords (also with digits or symbols around a common word), not one repeated
/// character or a plain sequence, and not containing the user's own name or e-mail name.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<CareAccount>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 64;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public Task<IdentityResult> ValidateAsync(UserManager<CareAccount> manager, CareAccount user, string? password) =>
        Task.FromResult(Check(password, user.Email, user.DisplayName) is { } error
            ? IdentityResult.Failed(new IdentityError { Code = "SchakelPassword", Description = error })
            : IdentityResult.Success);

    /// <summary>The Dutch reason a password is refused, or null when it is acceptable.</summary>
    public static string? Check(string? password, string? email, string? displayName)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return $"Kies een wachtwoord van ten minste {MinimumLength} tekens. Een zin van een paar woorden werkt goed.";
        }

        if (password.Length > MaximumLength)
        {
            return $"Een wachtwoord mag hoogstens {MaximumLength} tekens lang zijn.";
        }

        var lower = password.ToLowerInvariant();
        var core = new string(lower.Where(char.IsLetter).ToArray());
        if (Common.Value.Contains(lower) || (core.Length >= 4 && Common.Value.Contains(core) && lower.Count(char.IsLetter) == core.Length && IsPaddingOnly(lower, core)))
        {
            return "Dit wachtwoord komt voor op een lijst van veelgebruikte wachtwoorden. Kies een ander.";
        }

        if (lower.Distinct().Count() <= 2 || IsSequence(lower))
        {
            return "Dit wachtwoord is te makkelijk te raden. Kies een ander.";
        }

        var personal = new[] { email?.Split('@')[0], displayName }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .SelectMany(s => s!.ToLowerInvariant().Split([' ', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
            .Where(part => part.Length >= 4);
        if (personal.Any(lower.Contains))
        {
            return "Gebruik uw naam of e-mailadres niet in uw wachtwoord.";
        }

        return null;
    }

    /// <summary>A common word with only digits and symbols before or after it ("welkom2024!!").</summary>
    private static bool IsPaddingOnly(string lower, string core)
    {
        var index = lower.IndexOf(core, StringComparison.Ordinal);
        return index >= 0 && lower.Remove(index, core.Length).All(c => !char.IsLetter(c));
    }

    private static bool IsSequence(string lower)
    {
        var steps = lower.Zip(lower.Skip(1), (a, b) => b - a).Distinct().ToList();
        return steps.Count == 1 && Math.Abs(steps[0]) == 1
            || "1234567890qwertyuiopasdfghjklzxcvbnm".Contains(lower, StringComparison.Ordinal)
            || "0987654321poiuytrewqlkjhgfdsamnbvcxz".Contains(lower, StringComparison.Ordinal);
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Schakel.Host.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim().ToLowerInvariant();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word);
            }
        }

        return words;
    }
}
