using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;

namespace Schakel.Host.Identity;

public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>Invitation links live longer than password-reset links; both are single use (the security stamp changes).</summary>
public sealed class InvitationTokenProvider(
    IDataProtectionProvider protection,
    IOptions<InvitationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<CareAccount>> logger)
    : DataProtectorTokenProvider<CareAccount>(protection, options, logger);

/// <summary>Identity's messages in Dutch, for the ones a user can meet.</summary>
public sealed class DutchIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Kies een wachtwoord van ten minste {length} tekens." };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Deze link is verlopen of al gebruikt. Vraag een nieuwe aan." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = "Er bestaat al een account met dit e-mailadres." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = "Er bestaat al een account met dit e-mailadres." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = "Vul een geldig e-mailadres in." };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Het wachtwoord klopt niet." };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Dat lukte niet. Probeer het opnieuw." };
}

/// <summary>The API answers 401 and 403 as problems; only portal pages redirect to the login page.</summary>
public sealed class ApiChallenges : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        var toLogin = options.Events.OnRedirectToLogin;
        var toDenied = options.Events.OnRedirectToAccessDenied;
        options.Events.OnRedirectToLogin = context => IsApi(context.Request)
            ? WriteProblem(context.Response, StatusCodes.Status401Unauthorized, "Niet aangemeld", "Meld u aan om dit te gebruiken.")
            : toLogin(context);
        options.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
            ? WriteProblem(context.Response, StatusCodes.Status403Forbidden, "Geen toegang", "Uw rol geeft geen toegang tot dit onderdeel.")
            : toDenied(context);
    }

    private static bool IsApi(HttpRequest request) =>
        // Not /connect: the authorization endpoint sends a browser to the login page like any page.
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");

    private static Task WriteProblem(HttpResponse response, int status, string title, string detail)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(Problem.Create(status, title, detail), (System.Text.Json.JsonSerializerOptions?)null, Problem.ContentType);
    }
}

/// <summary>Logs every denial (who, which route, why; never patient data), then answers as usual.</summary>
public sealed partial class LoggedAuthorizationResults(ILogger<LoggedAuthorizationResults> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var user = CareUser.From(context.User);
            LogDenied(logger, user?.UserId.ToString() ?? context.User.FindFirst(SchakelClaims.ClientId)?.Value ?? "unknown",
                (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "",
                string.Join(", ", authorizeResult.AuthorizationFailure?.FailedRequirements.Select(r => r.ToString()) ?? []));
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    [LoggerMessage(LogLevel.Warning, "Access denied for {Actor} on {Route}: {Requirements}")]
    private static partial void LogDenied(ILogger logger, string actor, string route, string requirements);
}

/// <summary>
/// A bearer token may call a module's API only with that module's scope: /api/consultation needs
/// "consultation", /api/referral "referral", /api/socialmap "socialmap". Portal cookies are not scoped.
/// </summary>
public sealed class ModuleScopes(RequestDelegate next)
{
    /// <summary>Which scope (and audience) each module's API asks of a token, by path prefix (whole segments).</summary>
    public static readonly IReadOnlyList<(PathString Prefix, string Scope)> Map =
    [
        // Whole segments: the consultation API lives under /api/consultations.
        ("/api/consultations", SchakelScopes.Consultation),
        ("/api/referral", SchakelScopes.Referral),
        ("/api/referrals", SchakelScopes.Referral),
        ("/api/agreements", SchakelScopes.Referral),
        ("/api/follow-up", SchakelScopes.Referral),
        ("/api/patients", SchakelScopes.Referral),
        ("/api/socialmap", SchakelScopes.SocialMap),
        ("/api/indicators", SchakelScopes.Indicators),
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(c => c.Type == SchakelClaims.ClientId) || context.User.Identity?.AuthenticationType == SchakelAuth.Bearer)
        {
            foreach (var (prefix, scope) in Map)
            {
                if (context.Request.Path.StartsWithSegments(prefix) && !(HasScope(context.User, scope) && HasAudience(context.User, IdentityDatabase.Audience(scope))))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsJsonAsync(
                        Problem.Create(StatusCodes.Status403Forbidden, "Geen toegang", $"Dit token geeft geen toegang tot deze module (scope '{scope}')."),
                        (System.Text.Json.JsonSerializerOptions?)null, Problem.ContentType);
                    return;
                }
            }
        }

        await next(context);
    }

    private static bool HasAudience(System.Security.Claims.ClaimsPrincipal user, string audience) =>
        user.FindAll(OpenIddict.Abstractions.OpenIddictConstants.Claims.Audience).Any(c => c.Value == audience)
        || user.FindAll(OpenIddict.Abstractions.OpenIddictConstants.Claims.Private.Audience).Any(c => c.Value == audience);

    private static bool HasScope(System.Security.Claims.ClaimsPrincipal user, string scope) =>
        user.FindAll(OpenIddict.Abstractions.OpenIddictConstants.Claims.Private.Scope).Any(c => c.Value == scope)
        || user.FindAll("scope").Any(c => c.Value.Split(' ').Contains(scope));
}
