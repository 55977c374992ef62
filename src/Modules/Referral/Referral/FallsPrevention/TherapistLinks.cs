using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Schakel.BuildingBlocks.Identifiers;

namespace Schakel.Referral.FallsPrevention;

public enum TherapistLinkStage
{
    Intake = 1,
    EndOfTreatment = 2,
}

/// <summary>What a link says once it is read: what it is for, or why it is no good.</summary>
public sealed record TherapistLink(Guid ReferralId, Guid LinkId, TherapistLinkStage Stage, DateTimeOffset ExpiresAt);

public enum TherapistLinkProblem
{
    /// <summary>Tampered with, or not ours.</summary>
    Invalid = 1,
    Expired = 2,
}

/// <summary>
/// The signed, expiring links a therapist uses without an account: the referral, the link's own id
/// and stage and the expiry, protected with ASP.NET Core Data Protection (so a changed character
/// fails), checked against the product's clock (so expiry is testable). Single use comes from the
/// referral's stream: a link id is good only while its stage is open (docs/adr/0014).
/// </summary>
public sealed class TherapistLinks(IDataProtectionProvider protection, IConfiguration configuration, TimeProvider clock)
{
    public const string Purpose = "Schakel.FallsPrevention.TherapistLink.v1";
    public const string Path = "/valpreventie/bevestigen/";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public TimeSpan Lifetime => configuration.GetValue<TimeSpan?>("Schakel:FallsPrevention:LinkLifetime") ?? TimeSpan.FromDays(14);

    /// <summary>A new link id whose token holds nothing that passes as a BSN (the e-mail guard refuses those).</summary>
    public (Guid LinkId, string Token) Issue(Guid referralId, TherapistLinkStage stage)
    {
        while (true)
        {
            var linkId = Guid.CreateVersion7();
            var token = Token(new TherapistLink(referralId, linkId, stage, clock.GetUtcNow().Add(Lifetime)));
            if (!CareIdentifiers.ContainsBsn(token))
            {
                return (linkId, token);
            }
        }
    }

    /// <summary>The token for a link (tests make expired ones with it).</summary>
    public string Token(TherapistLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{link.ReferralId:N}|{link.LinkId:N}|{(int)link.Stage}|{link.ExpiresAt.ToUnixTimeSeconds()}"));
    }

    public (TherapistLink? Link, TherapistLinkProblem? Problem) Read(string? token)
    {
        string plain;
        try
        {
            plain = _protector.Unprotect(token ?? "");
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return (null, TherapistLinkProblem.Invalid);
        }

        var parts = plain.Split('|');
        if (parts.Length != 4 || !Guid.TryParseExact(parts[0], "N", out var referral) || !Guid.TryParseExact(parts[1], "N", out var link)
            || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var stage) || !Enum.IsDefined((TherapistLinkStage)stage)
            || !long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires))
        {
            return (null, TherapistLinkProblem.Invalid);
        }

        var read = new TherapistLink(referral, link, (TherapistLinkStage)stage, DateTimeOffset.FromUnixTimeSeconds(expires));
        return read.ExpiresAt <= clock.GetUtcNow() ? (read, TherapistLinkProblem.Expired) : (read, null);
    }
}
