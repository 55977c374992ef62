using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Testing;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Schakel.IntegrationTests.Identity;

public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce New()
    {
        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, Base64UrlTextEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))));
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class OpenIdConnectFlows : IAsyncLifetime
{
    private const string RedirectUri = "https://his.test.example.nl/callback";
    private readonly SchakelApp app;
    private readonly Given _given;
    private readonly string _clientId = $"app-{Guid.NewGuid():N}";

    public OpenIdConnectFlows(IntegrationApp app)
        : this((SchakelApp)app, reuse: true)
    {
    }

    private OpenIdConnectFlows(SchakelApp app, bool reuse)
    {
        _ = reuse;
        this.app = app;
        _given = new Given(app);
    }

    public async Task InitializeAsync()
    {
        using var scope = app.Host.Services.CreateScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(ClientRegistration.PublicApp(_clientId, "Test-HIS", [new Uri(RedirectUri)]));
    }

    public Task DisposeAsync() => Task.CompletedTask;


    /// <summary>Signs in as a new GP and returns that browser and the tokens of a full code flow.</summary>
    internal static async Task<(PortalClient Browser, Person Person, JsonElement Tokens, string ClientId)> UserTokensAsync(SchakelApp app, Given given)
    {
        var flows = new OpenIdConnectFlows(app, reuse: false);
        await flows.InitializeAsync();
        var gp = await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await given.APracticeAsync());
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, given, gp);
        var pkce = Pkce.New();
        var (_, tokens) = await TokenAsync(browser, flows.CodeExchange(await flows.CodeAsync(browser, pkce), pkce));
        return (browser, gp, tokens, flows._clientId);
    }

    private string AuthorizeUrl(Pkce? pkce, string redirectUri = RedirectUri, string responseType = "code", string scope = "openid profile offline_access socialmap")
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = _clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = responseType,
            ["scope"] = scope,
            ["state"] = "xyz",
        };
        if (pkce is not null)
        {
            query["code_challenge"] = pkce.Challenge;
            query["code_challenge_method"] = "S256";
        }

        return QueryHelpers.AddQueryString("/connect/authorize", query);
    }

    private async Task<PortalClient> SignedInBrowserAsync()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, gp);
        return browser;
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(PortalClient browser, Dictionary<string, string> form)
    {
        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) });
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<string> CodeAsync(PortalClient browser, Pkce pkce)
    {
        var authorize = await browser.GetAsync(AuthorizeUrl(pkce));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.StartsWith(RedirectUri, location.ToString(), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query)["code"].ToString();
    }

    private Dictionary<string, string> CodeExchange(string code, Pkce pkce) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = RedirectUri,
        ["client_id"] = _clientId,
        ["code_verifier"] = pkce.Verifier,
    };

    [Fact]
    public async Task the_code_flow_with_pkce_gives_tokens_that_open_the_api()
    {
        using var browser = await SignedInBrowserAsync();
        var pkce = Pkce.New();

        var (status, tokens) = await TokenAsync(browser, CodeExchange(await CodeAsync(browser, pkce), pkce));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
        using var api = new PortalClient(app.Host.Server);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/socialmap/coverage");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task a_browser_that_is_not_signed_in_is_sent_to_the_login_page_and_back()
    {
        using var browser = new PortalClient(app.Host.Server);

        var response = await browser.GetAsync(AuthorizeUrl(Pkce.New()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inloggen", response.Headers.Location!.AbsolutePath);
        Assert.Contains("connect%2Fauthorize", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_access_token_opens_only_the_modules_in_its_scope()
    {
        using var browser = await SignedInBrowserAsync();
        var pkce = Pkce.New();
        var (_, tokens) = await TokenAsync(browser, CodeExchange(await CodeAsync(browser, pkce), pkce));

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/referral/falls-prevention-providers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var api = new PortalClient(app.Host.Server);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task without_pkce_the_authorization_request_is_refused()
    {
        using var browser = await SignedInBrowserAsync();

        var response = await browser.GetAsync(AuthorizeUrl(pkce: null));

        var location = response.Headers.Location?.ToString() ?? "";
        Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=invalid_request", StringComparison.Ordinal), $"{response.StatusCode} {location}");
    }

    [Fact]
    public async Task another_redirect_uri_is_refused_and_never_redirected_to()
    {
        using var browser = await SignedInBrowserAsync();

        var response = await browser.GetAsync(AuthorizeUrl(Pkce.New(), redirectUri: "https://his.test.example.nl/callback/other"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task a_code_works_once()
    {
        using var browser = await SignedInBrowserAsync();
        var pkce = Pkce.New();
        var code = await CodeAsync(browser, pkce);

        var (first, _) = await TokenAsync(browser, CodeExchange(code, pkce));
        var (second, error) = await TokenAsync(browser, CodeExchange(code, pkce));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal(Errors.InvalidGrant, error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task the_code_needs_its_own_verifier()
    {
        using var browser = await SignedInBrowserAsync();
        var pkce = Pkce.New();
        var code = await CodeAsync(browser, pkce);

        var (status, error) = await TokenAsync(browser, CodeExchange(code, pkce with { Verifier = Pkce.New().Verifier }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Errors.InvalidGrant, error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task the_password_grant_is_not_supported()
    {
        using var browser = new PortalClient(app.Host.Server);

        var (status, error) = await TokenAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "huisarts@demo.example.nl", ["password"] = "x", ["client_id"] = _clientId,
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Errors.UnsupportedGrantType, error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task the_implicit_flow_is_not_supported()
    {
        using var browser = await SignedInBrowserAsync();

        var response = await browser.GetAsync(AuthorizeUrl(Pkce.New(), responseType: "token"));

        var location = response.Headers.Location?.ToString() ?? "";
        Assert.DoesNotContain("access_token", location, StringComparison.Ordinal);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=unsupported_response_type", StringComparison.Ordinal), $"{response.StatusCode} {location}");
    }

    [Fact]
    public async Task a_refresh_token_rotates_and_the_old_one_is_refused()
    {
        using var browser = await SignedInBrowserAsync();
        var pkce = Pkce.New();
        var (_, tokens) = await TokenAsync(browser, CodeExchange(await CodeAsync(browser, pkce), pkce));
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = _clientId };

        var (renewed, next) = await TokenAsync(browser, form);
        var (replayed, error) = await TokenAsync(browser, form);

        Assert.Equal(HttpStatusCode.OK, renewed);
        Assert.NotEqual(refresh, next.GetProperty("refresh_token").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, replayed);
        Assert.Equal(Errors.InvalidGrant, error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task a_revoked_refresh_token_is_refused()
    {
        using var browser = await SignedInBrowserAsync();
        var pkce = Pkce.New();
        var (_, tokens) = await TokenAsync(browser, CodeExchange(await CodeAsync(browser, pkce), pkce));
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        var revoke = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/connect/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refresh, ["token_type_hint"] = "refresh_token", ["client_id"] = _clientId }),
        });
        var (status, error) = await TokenAsync(browser, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = _clientId });

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Errors.InvalidGrant, error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task the_discovery_document_offers_only_code_refresh_and_client_credentials()
    {
        using var browser = new PortalClient(app.Host.Server);

        var discovery = JsonDocument.Parse(await (await browser.GetAsync("/.well-known/openid-configuration")).Content.ReadAsStringAsync()).RootElement;

        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], grants.Order());
        Assert.Equal(["code"], discovery.GetProperty("response_types_supported").EnumerateArray().Select(g => g.GetString()));
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(g => g.GetString()));
    }
}
