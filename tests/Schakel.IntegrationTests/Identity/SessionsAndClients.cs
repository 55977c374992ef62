using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Testing;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Schakel.IntegrationTests.Identity;

[Collection(IntegrationCollection.Name)]
public sealed class SessionsAndClients(IntegrationApp app)
{
    private readonly Given _given = new(app);

    private async Task<(PortalClient Browser, Person Person)> SignedInAsync(string role = SchakelRoles.GeneralPractitioner)
    {
        var person = await _given.AnAccountAsync(role, await _given.APracticeAsync());
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, person);
        return (browser, person);
    }

    private async Task<string> ClientCredentialsTokenAsync(string scope, Guid organisationId)
    {
        var clientId = $"his-{Guid.NewGuid():N}";
        using (var scopeProvider = app.Host.Services.CreateScope())
        {
            var applications = scopeProvider.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = "een geheim van de koppeling",
                ClientType = ClientTypes.Confidential,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + SchakelScopes.SocialMap, Permissions.Prefixes.Scope + SchakelScopes.Referral, Permissions.Prefixes.Scope + SchakelScopes.Consultation },
            };
            descriptor.Properties[ConnectEndpoints.OrganisationProperty] = JsonSerializer.SerializeToElement(organisationId.ToString());
            await applications.CreateAsync(descriptor);
        }

        using var client = new PortalClient(app.Host.Server);
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "een geheim van de koppeling", ["scope"] = scope,
            }),
        });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private async Task<HttpStatusCode> CallAsync(string url, string token)
    {
        using var client = new PortalClient(app.Host.Server);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task logging_out_ends_the_session_on_the_server()
    {
        var (browser, _) = await SignedInAsync();
        var stolen = browser.Cookies.GetCookieHeader(new Uri("https://localhost/"));

        // The layout's own sign-out form: a browser posts the token that form carries.
        var html = await (await browser.GetAsync("/account")).Content.ReadAsStringAsync();
        var form = System.Text.RegularExpressions.Regex.Match(html, "<form method=\"post\" class=\"logout\" action=\"/uitloggen\">(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(form.Success, "The layout has no sign-out form posting to /uitloggen.");
        var signedOut = await browser.PostFormAsync(form.Groups[1].Value, "/uitloggen", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var thief = new PortalClient(app.Host.Server);
        var replay = new HttpRequestMessage(HttpMethod.Get, "/account");
        replay.Headers.Add("Cookie", stolen);
        var response = await thief.SendAsync(replay);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/inloggen", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ending_another_session_from_my_account_signs_that_device_out()
    {
        var person = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var laptop = new PortalClient(app.Host.Server);
        using var phone = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(laptop, _given, person);
        await SigningIn.SignInAsync(phone, _given, person, codeOffset: TimeSpan.FromSeconds(30));

        var accountPage = await (await laptop.GetAsync("/account")).Content.ReadAsStringAsync();
        var other = System.Text.RegularExpressions.Regex.Match(accountPage, "name=\"session\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
        await laptop.PostFormAsync(accountPage, "/account?handler=EndSession", new Dictionary<string, string> { ["session"] = other });

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task a_deactivated_users_sessions_and_tokens_stop_at_once()
    {
        var (browser, person, tokens, _) = await OpenIdConnectFlows.UserTokensAsync(app, _given);
        var token = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await CallAsync("/api/socialmap/coverage", token));

        using (var scope = app.Host.Services.CreateScope())
        {
            var administration = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
            await administration.DeactivateAsync(person.Id, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/account")).StatusCode);
        using var again = new PortalClient(app.Host.Server);
        var login = await SigningIn.PasswordAsync(again, person);
        Assert.Contains("Het e-mailadres of het wachtwoord klopt niet.", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync("/api/socialmap/coverage", token));
        browser.Dispose();
    }

    [Fact]
    public async Task an_integration_client_acts_for_its_organisation_within_its_scopes()
    {
        var practice = await _given.APracticeAsync("Praktijk met HIS");

        var token = await ClientCredentialsTokenAsync(SchakelScopes.SocialMap, practice);

        Assert.Equal(HttpStatusCode.OK, await CallAsync("/api/socialmap/coverage", token));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync("/api/referral/falls-prevention-providers", token));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync("/api/consultations", token));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync("/api/consultations/pools", token));
    }

    [Fact]
    public async Task an_integration_client_with_the_consultation_scope_reads_its_practices_questions()
    {
        var practice = await _given.APracticeAsync("Praktijk met HIS");

        var token = await ClientCredentialsTokenAsync(SchakelScopes.Consultation, practice);

        Assert.Equal(HttpStatusCode.OK, await CallAsync("/api/consultations", token));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync("/api/socialmap/coverage", token));
    }

    [Fact]
    public async Task the_api_without_credentials_answers_401_as_a_problem()
    {
        using var anonymous = new PortalClient(app.Host.Server);

        var response = await anonymous.GetAsync("/api/socialmap/coverage");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task changing_the_email_address_asks_for_password_and_code_again()
    {
        var (browser, person) = await SignedInAsync();

        var change = await browser.SubmitAsync("/account", new Dictionary<string, string> { ["NewEmail"] = "nieuw@test.example.nl" }, "/account?handler=ChangeEmail");
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.StartsWith("/account/bevestigen", change.Headers.Location!.OriginalString, StringComparison.Ordinal);

        await browser.SubmitAsync("/account/bevestigen", new Dictionary<string, string>
        {
            ["Password"] = person.Password, ["Code"] = _given.CodeFor(person, TimeSpan.FromSeconds(30)),
        });
        var newEmail = $"nieuw.{Guid.NewGuid():N}@test.example.nl";
        var changed = await browser.SubmitAsync("/account", new Dictionary<string, string> { ["NewEmail"] = newEmail }, "/account?handler=ChangeEmail");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/account", changed.Headers.Location!.OriginalString);
        using var scope = app.Host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CareAccount>>();
        Assert.Equal(newEmail, (await users.FindByIdAsync(person.Id.ToString()))!.Email);
    }

    [Fact]
    public async Task a_new_authenticator_app_needs_password_and_code_again_and_then_replaces_the_old_one()
    {
        var person = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = new PortalClient(app.Host.Server);
        // Each step needs a later code than the one before: sign in with the previous step's code.
        await SigningIn.SignInAsync(browser, _given, person, codeOffset: TimeSpan.FromSeconds(-30));

        var asked = await browser.GetAsync("/account/authenticator");
        Assert.StartsWith("/account/bevestigen", asked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await browser.SubmitAsync("/account/bevestigen", new Dictionary<string, string> { ["Password"] = person.Password, ["Code"] = _given.CodeFor(person) });

        var page = await (await browser.GetAsync("/account/authenticator")).Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"totp-secret\">([A-Z2-7]+)<").Groups[1].Value;
        Assert.NotEqual(person.TotpSecret, secret);
        var confirmed = await browser.PostFormAsync(page, "/account/authenticator",
            new Dictionary<string, string> { ["Code"] = _given.CodeFor(person with { TotpSecret = secret }, TimeSpan.FromSeconds(30)) });
        Assert.Contains("data-testid=\"recovery-codes\"", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var later = new PortalClient(app.Host.Server);
        await SigningIn.PasswordAsync(later, person);
        var oldApp = await later.SubmitAsync("/inloggen/code", new Dictionary<string, string> { ["Code"] = _given.CodeFor(person, TimeSpan.FromSeconds(30)) });
        Assert.Contains("Deze code klopt niet of is al gebruikt.", await oldApp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
