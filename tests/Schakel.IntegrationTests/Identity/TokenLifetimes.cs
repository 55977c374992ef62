using System.Net;
using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Testing;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Schakel.IntegrationTests.Identity;

/// <summary>A host whose refresh tokens live three seconds, to see them expire without waiting hours.</summary>
public sealed class ShortLivedTokensApp() : SchakelApp("tokens")
{
    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Schakel:Identity:RefreshTokenLifetime", "00:00:03");
    }
}

public sealed class TokenLifetimes(ShortLivedTokensApp app) : IClassFixture<ShortLivedTokensApp>
{
    [Fact]
    public async Task an_expired_refresh_token_is_refused()
    {
        var (browser, _, tokens, clientId) = await OpenIdConnectFlows.UserTokensAsync(app, new Given(app));
        using var _ = browser;

        await Task.Delay(TimeSpan.FromSeconds(4));
        var (status, error) = await OpenIdConnectFlows.TokenAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!, ["client_id"] = clientId,
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Errors.InvalidGrant, error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task signing_keys_survive_a_restart()
    {
        using var browser = new PortalClient(app.Host.Server);
        var before = await (await browser.GetAsync("/.well-known/jwks")).Content.ReadAsStringAsync();

        await using var restarted = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Schakel", app.ConnectionString);
            builder.ConfigureServices(services => Wolverine.TestingExtensions.RunWolverineInSoloMode(services));
        });
        using var other = new PortalClient(restarted.Server);
        var after = await (await other.GetAsync("/.well-known/jwks")).Content.ReadAsStringAsync();

        var keys = JsonDocument.Parse(before).RootElement.GetProperty("keys");
        Assert.True(keys.GetArrayLength() > 0);
        Assert.Equal(before, after);
    }
}
