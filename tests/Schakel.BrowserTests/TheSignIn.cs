using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Schakel.BuildingBlocks.Access;
using Schakel.Testing;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

/// <summary>Signing in to the portal with password and authenticator code, in a real Chromium.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class TheSignIn(PortalServer portal)
{
    private ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private async Task<Person> AGpAsync(bool enrolled = true)
    {
        var given = portal.Given;
        var practice = await given.APracticeAsync("Huisartsenpraktijk De Linde");
        return await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice, enrolled, name: "Dr. A. de Vries");
    }

    /// <summary>Six digits that are not the code of the previous, current or next time step (which the server accepts).</summary>
    private static string AWrongCode(Person person)
    {
        var accepted = new[] { -30, 0, 30 }.Select(s => Given.CodeFor(person.TotpSecret!, TimeSpan.FromSeconds(s))).ToHashSet();
        return Enumerable.Range(123456, 10).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    [Fact]
    public Task a_gp_signs_in_with_password_and_code_and_lands_on_the_page_she_wanted_with_her_name_and_practice_in_the_header() => portal.VisitAsync(async page =>
    {
        var gp = await AGpAsync();

        await page.GotoAsync("/sociale-kaart");

        await Expect(page).ToHaveURLAsync(SigningIn.OnLoginPageReturningTo("/sociale-kaart"));
        await Expect(page).ToHaveTitleAsync("Inloggen · Schakel");

        await page.EnterPasswordAsync(gp);

        await Expect(page).ToHaveURLAsync(SigningIn.OnCodePage());
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);

        await page.EnterCodeAsync(portal.Given.CodeFor(gp));

        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/sociale-kaart");
        await Expect(Heading(page)).ToHaveTextAsync("Sociale kaart valpreventie");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Ingelogd als Dr. A. de Vries · Huisartsenpraktijk De Linde");
        await Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Inloggen", Exact = true })).ToHaveCountAsync(0);
    });

    /// <summary>The header's sign-out form must carry its anti-forgery token (it once had a literal action and got 400).</summary>
    [Fact]
    public Task a_signed_in_gp_signs_out_with_the_button_in_the_header_and_the_social_map_asks_her_to_sign_in_again() => portal.VisitAsync(async page =>
    {
        await page.SignInAsANewGpAsync(portal);
        await page.GotoAsync("/sociale-kaart");

        var signOut = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen", Exact = true }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/uitloggen", StringComparison.Ordinal));
        Assert.True(signOut.Status < 400, $"Uitloggen answered {signOut.Status}: the browser shows an error page instead of the start page.");

        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/");
        await Expect(Heading(page)).ToHaveTextAsync("Welkom bij Schakel");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        await Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Inloggen", Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync("/sociale-kaart");

        await Expect(page).ToHaveURLAsync(SigningIn.OnLoginPageReturningTo("/sociale-kaart"));
        await Expect(Heading(page)).ToHaveTextAsync("Inloggen");
    });

    [Fact]
    public Task the_password_alone_opens_neither_the_social_map_nor_my_account() => portal.VisitAsync(async page =>
    {
        var gp = await AGpAsync();
        await page.GotoAsync("/inloggen");
        await page.EnterPasswordAsync(gp);
        await Expect(page).ToHaveURLAsync(SigningIn.OnCodePage());

        foreach (var wanted in new[] { "/sociale-kaart", "/account" })
        {
            await page.GotoAsync(wanted);

            await Expect(page).ToHaveURLAsync(SigningIn.OnLoginPageReturningTo(wanted));
            await Expect(Heading(page)).ToHaveTextAsync("Inloggen");
            await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        }
    });

    [Fact]
    public Task a_new_account_sets_up_its_authenticator_on_first_sign_in_gets_ten_recovery_codes_and_is_signed_in() => portal.VisitAsync(async page =>
    {
        var newcomer = await AGpAsync(enrolled: false);
        await page.GotoAsync("/sociale-kaart");

        await page.EnterPasswordAsync(newcomer);

        await Expect(Heading(page)).ToHaveTextAsync("Tweestapsverificatie instellen");
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR-code voor uw authenticator-app" });
        await Expect(qr).ToBeVisibleAsync();
        // The QR code really renders (a broken image has no natural width).
        Assert.True(await qr.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0, "The QR code image does not render.");
        var secret = (await page.GetByTestId("totp-secret").TextContentAsync())?.Trim() ?? "";
        Assert.Matches(Base32Secret(), secret);

        // What an authenticator app would show after scanning, or after typing the key in by hand.
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Given.CodeFor(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen", Exact = true }).ClickAsync();

        await Expect(Heading(page)).ToHaveTextAsync("Uw herstelcodes");
        var codes = page.GetByTestId("recovery-codes").Locator("li");
        await Expect(codes).ToHaveCountAsync(10);
        var shown = (await codes.AllTextContentsAsync()).Select(c => c.Trim()).ToList();
        Assert.All(shown, code => Assert.Matches("^[A-Za-z0-9-]{8,}$", code));
        Assert.Equal(10, shown.Distinct(StringComparer.Ordinal).Count());

        await page.GetByRole(AriaRole.Link, new() { Name = "Verder naar Schakel" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/sociale-kaart");
        await Expect(Heading(page)).ToHaveTextAsync("Sociale kaart valpreventie");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Ingelogd als Dr. A. de Vries · Huisartsenpraktijk De Linde");
    });

    [Fact]
    public Task a_wrong_code_is_refused_in_dutch_and_does_not_sign_in() => portal.VisitAsync(async page =>
    {
        var gp = await AGpAsync();
        await page.GotoAsync("/inloggen");
        await page.EnterPasswordAsync(gp);

        await page.EnterCodeAsync(AWrongCode(gp));

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze code klopt niet of is al gebruikt.");
        await Expect(page).ToHaveURLAsync(SigningIn.OnCodePage());
        await Expect(Heading(page)).ToHaveTextAsync("Code uit uw authenticator-app");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);

        await page.GotoAsync("/sociale-kaart");

        await Expect(page).ToHaveURLAsync(SigningIn.OnLoginPageReturningTo("/sociale-kaart"));
    });

    [Fact]
    public Task the_session_cookie_is_host_only_http_only_secure_and_same_site_strict() => portal.VisitAsync(async page =>
    {
        await page.SignInAsANewGpAsync(portal);

        var cookies = await page.Context.CookiesAsync();

        var session = Assert.Single(cookies, c => c.Name == "__Host-schakel");
        Assert.True(session.HttpOnly, "The session cookie can be read by scripts.");
        Assert.True(session.Secure, "The session cookie is not Secure.");
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/", session.Path);
        Assert.Equal(new Uri(portal.BaseUrl).Host, session.Domain); // host-only: no leading dot
        Assert.Equal(-1, session.Expires); // a browser-session cookie, gone when the browser closes
        // The short-lived cookie between password and code is gone once signed in.
        Assert.DoesNotContain(cookies, c => c.Name.StartsWith("__Host-schakel-pending", StringComparison.Ordinal));
    });

    [GeneratedRegex("^[A-Z2-7]{32}$")]
    private static partial Regex Base32Secret();
}
