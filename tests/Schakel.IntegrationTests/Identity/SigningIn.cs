using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Identity;

[Collection(IntegrationCollection.Name)]
public sealed class SigningIn(IntegrationApp app)
{
    private readonly Given _given = new(app);

    private PortalClient ABrowser() => new(app.Host.Server);

    internal static async Task<HttpResponseMessage> PasswordAsync(PortalClient browser, Person person, string? password = null) =>
        await browser.SubmitAsync("/inloggen", new Dictionary<string, string> { ["Email"] = person.Email, ["Password"] = password ?? person.Password });

    internal static async Task<HttpResponseMessage> SignInAsync(PortalClient browser, Given given, Person person, TimeSpan? codeOffset = null)
    {
        var password = await PasswordAsync(browser, person);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/inloggen/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return await browser.SubmitAsync("/inloggen/code", new Dictionary<string, string> { ["Code"] = given.CodeFor(person, codeOffset) });
    }

    [Fact]
    public async Task password_and_code_open_the_portal()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = ABrowser();

        var signedIn = await SignInAsync(browser, _given, gp);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var account = await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains("Huisartsenpraktijk Test", await account.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_password_alone_opens_no_page()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = ABrowser();

        await PasswordAsync(browser, gp);

        foreach (var page in new[] { "/account", "/sociale-kaart" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/inloggen", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        var api = await browser.GetAsync("/api/socialmap/coverage");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task a_wrong_password_is_refused_without_saying_whether_the_account_exists()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = ABrowser();

        var wrong = await (await PasswordAsync(browser, gp, "niet het goede wachtwoord")).Content.ReadAsStringAsync();
        var unknown = await (await PasswordAsync(browser, gp with { Email = "niemand@test.example.nl" })).Content.ReadAsStringAsync();

        Assert.Contains("Het e-mailadres of het wachtwoord klopt niet.", wrong, StringComparison.Ordinal);
        Assert.Contains("Het e-mailadres of het wachtwoord klopt niet.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_code_cannot_be_used_twice()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        var code = _given.CodeFor(gp);
        using (var first = ABrowser())
        {
            await PasswordAsync(first, gp);
            var accepted = await first.SubmitAsync("/inloggen/code", new Dictionary<string, string> { ["Code"] = code });
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using var second = ABrowser();
        await PasswordAsync(second, gp);
        var replayed = await second.SubmitAsync("/inloggen/code", new Dictionary<string, string> { ["Code"] = code });

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("Deze code klopt niet of is al gebruikt.", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = ABrowser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await PasswordAsync(browser, gp, $"fout wachtwoord nummer {attempt}");
        }

        var right = await PasswordAsync(browser, gp);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("geblokkeerd", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task repeated_wrong_codes_lock_the_account()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = ABrowser();
        await PasswordAsync(browser, gp);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await browser.SubmitAsync("/inloggen/code", new Dictionary<string, string> { ["Code"] = "000000" });
        }

        using var again = ABrowser();
        var right = await PasswordAsync(again, gp);
        Assert.Contains("geblokkeerd", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_first_sign_in_enrols_an_authenticator_and_gives_recovery_codes()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync(), enrolled: false);
        using var browser = ABrowser();

        var password = await PasswordAsync(browser, gp);
        Assert.Equal("/inloggen/tweestapsverificatie", password.Headers.Location!.OriginalString.Split('?')[0]);
        var enrolPage = await (await browser.GetAsync("/inloggen/tweestapsverificatie")).Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(enrolPage, "data-testid=\"totp-secret\">([A-Z2-7]+)<").Groups[1].Value;
        Assert.Contains("otpauth://totp/Schakel:", enrolPage, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/svg+xml;base64,", WebUtility.HtmlDecode(enrolPage), StringComparison.Ordinal);

        var confirmed = await browser.PostFormAsync(enrolPage, "/inloggen/tweestapsverificatie",
            new Dictionary<string, string> { ["Code"] = _given.CodeFor(gp with { TotpSecret = secret }) });

        var html = await confirmed.Content.ReadAsStringAsync();
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(html, "<li><code>").Count);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task a_recovery_code_signs_in_once()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        string code;
        using (var scope = app.Host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CareAccount>>();
            var account = await users.FindByIdAsync(gp.Id.ToString());
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account!, 10))!.First();
        }

        using (var first = ABrowser())
        {
            await PasswordAsync(first, gp);
            var used = await first.SubmitAsync("/inloggen/herstelcode", new Dictionary<string, string> { ["Code"] = code });
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/account")).StatusCode);
        }

        using var second = ABrowser();
        await PasswordAsync(second, gp);
        var again = await second.SubmitAsync("/inloggen/herstelcode", new Dictionary<string, string> { ["Code"] = code });
        Assert.Contains("Deze herstelcode klopt niet of is al gebruikt.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
