using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenIddict.Abstractions;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Testing;

namespace Schakel.BrowserTests;

/// <summary>An app of a GP information system signs a GP in through the browser (authorization code with PKCE).</summary>
[Collection(PortalCollection.Name)]
public sealed class AnIntegratorSignsIn(PortalServer portal)
{
    [Fact]
    public Task after_password_and_code_the_browser_returns_to_the_apps_redirect_uri_with_a_code() => portal.VisitAsync(async page =>
    {
        // The app lives on another origin (localhost, not 127.0.0.1): the redirect crosses origins, as for a real client.
        var port = new Uri(portal.BaseUrl).Port;
        var redirectUri = $"http://localhost:{port}/his-callback";
        var clientId = $"his-app-{Guid.NewGuid():N}";
        using (var scope = portal.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>()
                .CreateAsync(ClientRegistration.PublicApp(clientId, "HIS-app", [new Uri(redirectUri)]));
        }

        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlTextEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code",
            ["scope"] = "openid profile socialmap", ["state"] = "s1", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });
        var gp = await portal.Given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await portal.Given.APracticeAsync());

        await page.GotoAsync(authorize);
        await page.EnterPasswordAsync(gp);
        var arrived = page.WaitForRequestAsync(r => r.Url.StartsWith(redirectUri, StringComparison.Ordinal));
        await page.EnterCodeAsync(portal.Given.CodeFor(gp));

        var callback = new Uri((await arrived).Url);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.False(string.IsNullOrEmpty(query["code"]), callback.ToString());
        Assert.Equal("s1", query["state"].ToString());
    });
}
