using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace Schakel.Host.Identity;

/// <summary>
/// Time-based one-time passwords (RFC 6238, 30 s steps, 6 digits). A code is accepted once:
/// the account remembers the last time step it accepted and refuses that step and older ones.
/// Secrets are stored protected with data protection.
/// </summary>
public sealed class TwoFactor(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Issuer = "Schakel";

    private readonly IDataProtector _protector = protection.CreateProtector("Schakel.Identity.Totp.v1");

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>The otpauth URI an authenticator app reads from the QR code.</summary>
    public static string OtpAuthUri(string secret, string accountName) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(accountName)}" +
        $"?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The time step the code matches (one step of clock drift either way), or null.</summary>
    public long? MatchingStep(string secret, string? code)
    {
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6)
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, VerificationWindow.RfcSpecifiedNetworkDelay)
            ? step
            : null;
    }

    /// <summary>Accepts the code when it matches a step later than the last one accepted; records that step.</summary>
    public bool TryAccept(CareAccount account, string secret, string? code)
    {
        var step = MatchingStep(secret, code);
        if (step is null || step <= account.LastTotpTimeStep)
        {
            return false;
        }

        account.LastTotpTimeStep = step.Value;
        return true;
    }

    /// <summary>The current code for a secret: for the demo script and tests, never shown to users.</summary>
    public string CurrentCode(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clock.GetUtcNow().UtcDateTime);
}
