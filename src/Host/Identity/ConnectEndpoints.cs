using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Schakel.BuildingBlocks.Access;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Schakel.Host.Identity;

/// <summary>
/// The OpenID Connect endpoints the host handles itself (OpenIddict validates the protocol
/// first: PKCE required, exact redirect URIs, single-use codes, rotating refresh tokens).
/// </summary>
public static class ConnectEndpoints
{
    /// <summary>Application property naming the organisation an integration client acts for.</summary>
    public const string OrganisationProperty = "schakel_organisation";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/connect/token", Token).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods("/connect/logout", ["GET", "POST"], Logout).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfo)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(SchakelAuth.Bearer).RequireAuthenticatedUser())
            .ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Authorize(HttpContext http, SignInFlow accounts, IOpenIddictScopeManager scopes, IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var portal = await http.AuthenticateAsync(SchakelAuth.Portal);
        if (!portal.Succeeded || !CareClaims.IsFullySignedIn(portal.Principal) || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(Error(Errors.LoginRequired, "Meld u eerst aan."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var parameters = http.Request.HasFormContentType ? http.Request.Form.Where(p => p.Key != Parameters.Prompt).ToList() : http.Request.Query.Where(p => p.Key != Parameters.Prompt).ToList();
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [SchakelAuth.Portal]);
        }

        var account = await accounts.Load(Guid.Parse(portal.Principal!.FindFirst(SchakelClaims.Subject)!.Value));
        if (account is not { IsActive: true })
        {
            return Results.Forbid(Error(Errors.AccessDenied, "Dit account is niet actief."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
        var identity = new ClaimsIdentity(portal.Principal.Claims.Where(c => c.Type != SchakelClaims.Session), Microsoft.IdentityModel.Tokens.TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(await scopes.ListResourcesAsync(identity.GetScopes()).ToListAsync());

        var subject = account.Id.ToString();
        var applicationId = await applications.GetIdAsync(application);
        var authorization = await authorizations.CreateAsync(identity, subject, applicationId!, AuthorizationTypes.Permanent, identity.GetScopes());
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        identity.SetDestinations(DestinationsOf);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Token(HttpContext http, IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes, SignInFlow accounts, TimeProvider clock, IOptions<IdentityOptions> options)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
            var properties = await applications.GetPropertiesAsync(application);
            if (!properties.TryGetValue(OrganisationProperty, out var organisationElement)
                || !Guid.TryParse(organisationElement.GetString(), out var organisationId))
            {
                return Results.Forbid(Error(Errors.UnauthorizedClient, "Deze koppeling is aan geen organisatie gebonden."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var store = http.RequestServices.GetRequiredService<IdentityStore>();
            var organisation = await store.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId);
            if (organisation is null)
            {
                return Results.Forbid(Error(Errors.UnauthorizedClient, "De organisatie van deze koppeling bestaat niet meer."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var identity = new ClaimsIdentity(Microsoft.IdentityModel.Tokens.TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application) ?? request.ClientId);
            identity.SetClaim(SchakelClaims.ClientId, request.ClientId);
            identity.SetClaim(SchakelClaims.Organisation, organisation.Id.ToString());
            identity.SetClaim(SchakelClaims.OrganisationKind, organisation.Kind.ToString());
            identity.SetClaim(SchakelClaims.OrganisationName, organisation.Name);
            identity.SetScopes(request.GetScopes());
            identity.SetResources(await scopes.ListResourcesAsync(identity.GetScopes()).ToListAsync());
            identity.SetDestinations(_ => [OpenIddictConstants.Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var principal = result.Principal ?? throw new InvalidOperationException("No principal in the code or refresh token.");
            var account = Guid.TryParse(principal.GetClaim(Claims.Subject), out var id) ? await accounts.Load(id) : null;
            if (account is not { IsActive: true })
            {
                return Results.Forbid(Error(Errors.InvalidGrant, "Dit account is niet meer actief."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            if (long.TryParse(principal.GetClaim(CareClaims.AuthenticatedAt), out var seconds)
                && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > options.Value.RefreshTokenAbsoluteLifetime)
            {
                return Results.Forbid(Error(Errors.InvalidGrant, "Deze aanmelding is verlopen. Meld u opnieuw aan."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var identity = new ClaimsIdentity(principal.Claims, Microsoft.IdentityModel.Tokens.TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetDestinations(DestinationsOf);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Results.Forbid(Error(Errors.UnsupportedGrantType, "Deze manier van aanmelden wordt niet ondersteund."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> Logout(HttpContext http, SignInFlow accounts)
    {
        await accounts.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult UserInfo(HttpContext http)
    {
        var user = http.User;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Claims.Subject] = user.GetClaim(Claims.Subject) ?? "",
        };
        if (user.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.GetClaim(Claims.Name) ?? "";
            claims[SchakelClaims.OrganisationName] = user.GetClaim(SchakelClaims.OrganisationName) ?? "";
            claims[Claims.Role] = user.GetClaims(Claims.Role);
        }

        if (user.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.GetClaim(Claims.Email) ?? "";
        }

        return Results.Ok(claims);
    }

    private static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    /// <summary>Which claims go into which token: identity claims to the id token only with the matching scope.</summary>
    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.Email or Claims.Role when claim.Subject?.HasScope(Scopes.Profile) == true =>
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        "AspNet.Identity.SecurityStamp" => [],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
