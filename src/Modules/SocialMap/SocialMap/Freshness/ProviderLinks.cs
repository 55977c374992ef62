using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.BuildingBlocks.Problems;
using Schakel.SocialMap.Directory;

namespace Schakel.SocialMap.Freshness;

/// <summary>What a provider's link says once it is read: which location, which link, until when.</summary>
public sealed record ProviderLink(Guid LocationId, Guid LinkId, DateTimeOffset ExpiresAt);

/// <summary>Why a provider's link cannot be used.</summary>
public enum ProviderLinkProblem
{
    /// <summary>Tampered with, not ours, or for a location we do not know.</summary>
    Invalid = 1,
    Expired = 2,

    /// <summary>It confirmed or changed the entry already.</summary>
    Used = 3,

    /// <summary>A newer link went to the location since.</summary>
    Superseded = 4,

    /// <summary>The location left the social map.</summary>
    Retired = 5,
}

/// <summary>
/// The signed, expiring links a provider uses to keep her own entry current without an account
/// (the same scheme as the falls-prevention links, docs/adr/0014): the location, the link's own id
/// and the expiry, protected with ASP.NET Core Data Protection under this module's own purpose (a
/// changed character fails), the expiry checked against the product's clock (testable). Single use
/// comes from the location's stream: a link is good only while it is the location's
/// <see cref="TherapistLocation.OpenLinkId"/>; using it, or sending a newer one, closes it.
/// </summary>
public sealed class ProviderLinks(IDataProtectionProvider protection, IConfiguration configuration, TimeProvider clock)
{
    public const string Purpose = "Schakel.SocialMap.ProviderLink.v1";
    public const string Path = "/sociale-kaart/bijwerken/";
    public const string LifetimeSetting = "Schakel:SocialMap:ProviderLinkLifetime";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public TimeSpan Lifetime => configuration.GetValue<TimeSpan?>(LifetimeSetting) ?? TimeSpan.FromDays(30);

    /// <summary>A new link whose token holds nothing that passes as a BSN (the e-mail guard refuses those).</summary>
    public (ProviderLink Link, string Token) Issue(Guid locationId)
    {
        while (true)
        {
            var link = new ProviderLink(locationId, Guid.CreateVersion7(), clock.GetUtcNow().Add(Lifetime));
            var token = Token(link);
            if (!CareIdentifiers.ContainsBsn(token))
            {
                return (link, token);
            }
        }
    }

    /// <summary>The token for a link (tests make expired ones with it).</summary>
    public string Token(ProviderLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{link.LocationId:N}|{link.LinkId:N}|{link.ExpiresAt.ToUnixTimeSeconds()}"));
    }

    /// <summary>The link a token holds, or why it holds none (<see cref="ProviderLinkProblem.Invalid"/>) or no longer a good one (<see cref="ProviderLinkProblem.Expired"/>).</summary>
    public (ProviderLink? Link, ProviderLinkProblem? Problem) Read(string? token)
    {
        string plain;
        try
        {
            plain = _protector.Unprotect(token ?? "");
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return (null, ProviderLinkProblem.Invalid);
        }

        var parts = plain.Split('|');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var location) || !Guid.TryParseExact(parts[1], "N", out var linkId)
            || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires)
            || expires < DateTimeOffset.MinValue.ToUnixTimeSeconds() || expires > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return (null, ProviderLinkProblem.Invalid);
        }

        var link = new ProviderLink(location, linkId, DateTimeOffset.FromUnixTimeSeconds(expires));
        return link.ExpiresAt <= clock.GetUtcNow() ? (link, ProviderLinkProblem.Expired) : (link, null);
    }

    /// <summary>
    /// Whether a signed, unexpired link may still be used on the entry as it is now: only the
    /// location's open link may. Call it on the entry loaded for writing, so two submits of one
    /// link cannot both pass.
    /// </summary>
    public static ProviderLinkProblem? Check(ProviderLink link, TherapistLocation? location)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (location is null || location.Id != link.LocationId)
        {
            return ProviderLinkProblem.Invalid;
        }

        if (location.IsRetired)
        {
            return ProviderLinkProblem.Retired;
        }

        return location.OpenLinkId switch
        {
            null => ProviderLinkProblem.Used,
            { } open when open != link.LinkId => ProviderLinkProblem.Superseded,
            _ => null,
        };
    }

    /// <summary>What the provider reads when her link cannot be used, in Dutch.</summary>
    public static string Explain(ProviderLinkProblem problem) => problem switch
    {
        ProviderLinkProblem.Expired => "Deze link is verlopen; vraag de coördinator om een nieuwe.",
        ProviderLinkProblem.Used => "Deze link is al gebruikt. Dank u wel: uw gegevens zijn verwerkt. Wilt u later nog iets wijzigen? Vraag de coördinator om een nieuwe link.",
        ProviderLinkProblem.Superseded => "U heeft inmiddels een nieuwere link gekregen; deze link werkt niet meer. Gebruik de link uit de laatste e-mail.",
        ProviderLinkProblem.Retired => "Deze locatie staat niet meer op de sociale kaart; de link werkt daarom niet meer.",
        _ => "Deze link is ongeldig. Gebruik de link uit de e-mail precies zoals die is.",
    };

    /// <summary>The status a page answers with: 400 for a link that is not ours, 410 for one that was good once.</summary>
    public static int StatusOf(ProviderLinkProblem problem) =>
        problem == ProviderLinkProblem.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status410Gone;

    /// <summary>The problem for a decision that refuses the link.</summary>
    public static ProblemDetails ProblemOf(ProviderLinkProblem problem) =>
        Problem.Create(StatusOf(problem), problem == ProviderLinkProblem.Invalid ? "Ongeldige link" : "Link niet meer geldig", Explain(problem));
}
