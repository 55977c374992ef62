using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Testing;

/// <summary>
/// Lets an Alba scenario act as a signed-in user without a login: the request carries the user's
/// claims in <see cref="Header"/> and this scheme signs them in, with two factors ("pwd", "otp").
/// Requests without the header go to whatever scheme the host itself uses, so the product's
/// cookie or token default is wrapped, not replaced.
/// </summary>
public static class TestAuthentication
{
    public const string Scheme = "SchakelTest";

    /// <summary>Chooses the test scheme when the header is present, the host's own default otherwise.</summary>
    public const string SelectorScheme = "SchakelTestOrDefault";

    public const string Header = "X-Schakel-Test-User";

    public static IServiceCollection AddSchakelTestAuthentication(this IServiceCollection services)
    {
        var hostDefault = new HostDefaultScheme();
        services.AddSingleton(hostDefault);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(Scheme, null)
            .AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(Header) ? Scheme : hostDefault.Name ?? Scheme);

        services.PostConfigure<AuthenticationOptions>(o =>
        {
            var own = o.DefaultAuthenticateScheme ?? o.DefaultScheme;
            hostDefault.Name = own == SelectorScheme ? hostDefault.Name : own;
            o.DefaultAuthenticateScheme = SelectorScheme;
            // Fill only what the host leaves open: without a sign-in scheme of its own, anonymous is 401 and a wrong role 403.
            if ((o.DefaultChallengeScheme ?? o.DefaultScheme) is null)
            {
                o.DefaultChallengeScheme = Scheme;
            }

            if ((o.DefaultForbidScheme ?? o.DefaultScheme) is null)
            {
                o.DefaultForbidScheme = Scheme;
            }
        });
        return services;
    }

    /// <summary>The header value for a set of claims: <c>type=value</c> pairs, escaped, separated by ';'.</summary>
    public static string Encode(IEnumerable<Claim> claims) =>
        string.Join(';', claims.Select(c => $"{Uri.EscapeDataString(c.Type)}={Uri.EscapeDataString(c.Value)}"));

    public static IReadOnlyList<Claim> Decode(string header) =>
        header.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new Claim(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : ""))
            .ToList();

    /// <summary>The principal the product would see for these claims, with roles and name read from Schakel's claim types.</summary>
    public static ClaimsPrincipal Principal(IEnumerable<Claim> claims)
    {
        var all = claims.ToList();
        if (!all.Any(c => c.Type == SchakelClaims.AuthenticationMethod))
        {
            all.Add(new Claim(SchakelClaims.AuthenticationMethod, "pwd"));
            all.Add(new Claim(SchakelClaims.AuthenticationMethod, "otp"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(all, Scheme, SchakelClaims.Name, SchakelClaims.Role));
    }

    private sealed class HostDefaultScheme
    {
        public string? Name { get; set; }
    }
}

internal sealed class TestAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(TestAuthentication.Header, out var header) || string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = TestAuthentication.Principal(TestAuthentication.Decode(header.ToString()));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, TestAuthentication.Scheme)));
    }
}
