using System.Security.Claims;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Host.Identity;

/// <summary>Builds the claims of a full sign-in (password and second factor) for an account.</summary>
public static class CareClaims
{
    /// <summary>When the user proved both factors; bounds the absolute lifetime of refresh tokens.</summary>
    public const string AuthenticatedAt = "schakel_auth_time";

    public static ClaimsIdentity For(CareAccount account, IEnumerable<string> roles, Guid sessionId, DateTimeOffset now, string authenticationType)
    {
        var organisation = account.Organisation ?? throw new InvalidOperationException("Load the account with its organisation.");
        var identity = new ClaimsIdentity(authenticationType, SchakelClaims.Name, SchakelClaims.Role);
        identity.AddClaim(new Claim(SchakelClaims.Subject, account.Id.ToString()));
        identity.AddClaim(new Claim(SchakelClaims.Name, account.DisplayName));
        identity.AddClaim(new Claim("email", account.Email ?? ""));
        identity.AddClaim(new Claim(SchakelClaims.Organisation, organisation.Id.ToString()));
        identity.AddClaim(new Claim(SchakelClaims.OrganisationKind, organisation.Kind.ToString()));
        identity.AddClaim(new Claim(SchakelClaims.OrganisationName, organisation.Name));
        if (account.Pool is { } pool)
        {
            identity.AddClaim(new Claim(SchakelClaims.Pool, pool.ToString()));
        }

        var responsible = account.ActsOnBehalfOf ?? account;
        identity.AddClaim(new Claim(SchakelClaims.ResponsibleUser, responsible.Id.ToString()));
        identity.AddClaim(new Claim(SchakelClaims.ResponsibleUserName, responsible.DisplayName));
        identity.AddClaims(roles.Select(r => new Claim(SchakelClaims.Role, r)));
        identity.AddClaim(new Claim(SchakelClaims.Session, sessionId.ToString()));
        identity.AddClaim(new Claim(SchakelClaims.AuthenticationMethod, "pwd"));
        identity.AddClaim(new Claim(SchakelClaims.AuthenticationMethod, "otp"));
        identity.AddClaim(new Claim(AuthenticatedAt, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }

    /// <summary>A portal user who signed in with both factors, or an integration client with a token.</summary>
    public static bool IsFullySignedIn(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && (user.HasClaim(SchakelClaims.AuthenticationMethod, "otp") || user.HasClaim(c => c.Type == SchakelClaims.ClientId));
}
