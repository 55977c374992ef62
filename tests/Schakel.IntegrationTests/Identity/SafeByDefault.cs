using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Schakel.IntegrationTests.Identity;

/// <summary>
/// Every page and endpoint needs a two-factor sign-in unless it is on this short list of public
/// doors. A new endpoint that opts out of authorization fails here until someone decides it may.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SafeByDefault(IntegrationApp app)
{
    private static readonly string[] PublicDoors =
    [
        "", "/", "inloggen", "inloggen/code", "inloggen/herstelcode", "inloggen/tweestapsverificatie", "uitloggen",
        "wachtwoord-vergeten", "wachtwoord-herstellen", "uitnodiging", "taal", "fout/{code:int?}",
        // A therapist without an account confirms a falls-prevention referral; the signed, expiring, single-use link is the key.
        "valpreventie/bevestigen/{token}",
        // A provider keeps her social-map entry current without an account; the signed, expiring, single-use link is the key.
        "sociale-kaart/bijwerken/{token}",
        "/health/live", "/health/ready", "/openapi/{documentName}.json", "/api/docs/{documentName?}",
        "/connect/authorize", "/connect/token", "/connect/logout",
    ];

    [Fact]
    public void only_the_public_doors_allow_anonymous_users()
    {
        var endpoints = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var anonymous = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(route => !PublicDoors.Contains(route, StringComparer.OrdinalIgnoreCase) && !route.StartsWith("/api/docs", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(anonymous);
    }

    /// <summary>Host APIs that no integration client may call (they require a person's role, or the portal cookie), so no module scope applies.</summary>
    private static readonly string[] HostApis = ["/api/access-log", "/api/docs", "/api/admin", "/api/smime", "/api/notifications"];

    [Fact]
    public void every_module_api_route_asks_a_token_for_its_module_scope()
    {
        var routes = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal) && !HostApis.Any(h => r.StartsWith(h, StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        Assert.Contains(routes, r => r.StartsWith("/api/consultations", StringComparison.Ordinal));

        var uncovered = routes.Where(r => !Schakel.Host.Identity.ModuleScopes.Map.Any(m => new PathString(r).StartsWithSegments(m.Prefix))).ToList();

        Assert.Empty(uncovered);
    }

    [Fact]
    public async Task every_module_api_refuses_an_anonymous_caller()
    {
        var endpoints = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal) && !r.StartsWith("/api/docs", StringComparison.Ordinal) && !r.Contains('{', StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.NotEmpty(endpoints);

        using var anonymous = new Schakel.Testing.PortalClient(app.Host.Server);
        foreach (var route in endpoints)
        {
            var response = await anonymous.GetAsync(route);
            Assert.True(response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.MethodNotAllowed, $"{route}: {response.StatusCode}");
        }
    }
}
