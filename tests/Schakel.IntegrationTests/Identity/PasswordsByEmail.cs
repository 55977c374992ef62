using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Identity;

[Collection(IntegrationCollection.Name)]
public sealed partial class PasswordsByEmail(IntegrationApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Given _given = new(app);

    private async Task<string> LinkInMailToAsync(string address)
    {
        var mail = await app.Mail.WaitForMessageToAsync(address, Patience);
        var body = mail.TextBody ?? "";
        Assert.DoesNotContain("patiënt", body, StringComparison.OrdinalIgnoreCase);
        var link = Link().Match(body);
        Assert.True(link.Success, body);
        return new Uri(link.Value).PathAndQuery;
    }

    [Fact]
    public async Task a_reset_link_by_email_sets_a_new_password_once()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = new PortalClient(app.Host.Server);

        var asked = await browser.SubmitAsync("/wachtwoord-vergeten", new Dictionary<string, string> { ["Email"] = gp.Email });
        Assert.Contains("Als dit e-mailadres bij een account hoort", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var link = await LinkInMailToAsync(gp.Email);

        const string newPassword = "een heel nieuw wachtwoord voor de praktijk";
        var set = await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["NewPassword"] = newPassword, ["gebruiker"] = Account(link), ["Token"] = Token(link),
        });
        Assert.Contains("Uw wachtwoord is gewijzigd.", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["NewPassword"] = "en nog een ander wachtwoord erachteraan", ["gebruiker"] = Account(link), ["Token"] = Token(link),
        });
        Assert.Contains("Deze link is verlopen of al gebruikt.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var signIn = new PortalClient(app.Host.Server);
        var password = await SigningIn.PasswordAsync(signIn, gp, newPassword);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
    }

    [Fact]
    public async Task a_common_password_is_refused_in_dutch()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = new PortalClient(app.Host.Server);
        await browser.SubmitAsync("/wachtwoord-vergeten", new Dictionary<string, string> { ["Email"] = gp.Email });
        var link = await LinkInMailToAsync(gp.Email);

        var refused = await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["NewPassword"] = "Welkom2026!!", ["gebruiker"] = Account(link), ["Token"] = Token(link),
        });

        Assert.Contains("veelgebruikte wachtwoorden", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_invited_user_chooses_a_password_and_then_must_set_up_two_step_verification()
    {
        var region = await _given.ARegionAsync();
        var admin = await _given.AnAccountAsync(SchakelRoles.Administrator, region);
        using var adminBrowser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(adminBrowser, _given, admin);
        var practice = await _given.APracticeAsync("Praktijk De Uitnodiging");
        var email = $"nieuw.{Guid.NewGuid():N}@test.example.nl";

        var invited = await adminBrowser.SubmitAsync("/beheer/uitnodigen", new Dictionary<string, string>
        {
            ["Name"] = "Dr. N. Nieuw", ["Email"] = email, ["OrganisationId"] = practice.ToString(), ["Role"] = SchakelRoles.GeneralPractitioner, ["AgbCode"] = "01999999",
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        var mail = await app.Mail.WaitForMessageToAsync(email, Patience);
        Assert.Contains("Praktijk De Uitnodiging", mail.TextBody, StringComparison.Ordinal);
        var link = new Uri(Link().Match(mail.TextBody ?? "").Value).PathAndQuery;
        using var newcomer = new PortalClient(app.Host.Server);
        var accountId = Account(link);
        var set = await newcomer.SubmitAsync(link, new Dictionary<string, string>
        {
            ["NewPassword"] = "mijn eerste wachtwoord in schakel", ["gebruiker"] = accountId, ["Token"] = Token(link),
        });
        Assert.Contains("Uw wachtwoord is opgeslagen.", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var password = await newcomer.SubmitAsync("/inloggen", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "mijn eerste wachtwoord in schakel" });
        Assert.Equal("/inloggen/tweestapsverificatie", password.Headers.Location!.OriginalString.Split('?')[0]);
    }

    private static string Account(string link) => Regex.Match(link, "gebruiker=([A-Za-z0-9_-]+)").Groups[1].Value;

    private static string Token(string link) => Uri.UnescapeDataString(Regex.Match(link, "token=([^&]+)").Groups[1].Value);

    [GeneratedRegex(@"https?://\S+/(wachtwoord-herstellen|uitnodiging)\?\S+")]
    private static partial Regex Link();
}
