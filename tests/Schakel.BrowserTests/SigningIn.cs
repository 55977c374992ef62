using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Schakel.Testing;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

/// <summary>
/// The Dutch login pages as a care provider uses them: e-mail address and password on /inloggen,
/// then the code from the authenticator app on /inloggen/code.
/// </summary>
public static partial class SigningIn
{
    /// <summary>Fills in e-mail address and password on the login page the browser is on and continues.</summary>
    public static async Task EnterPasswordAsync(this IPage page, Person person, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(person);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await page.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync(person.Email);
        await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(password ?? person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder", Exact = true }).ClickAsync();
    }

    /// <summary>Fills in a code on the code page the browser is on and signs in.</summary>
    public static async Task EnterCodeAsync(this IPage page, string code)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Code uit uw authenticator-app");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
    }

    /// <summary>
    /// Signs in with password and code, from the login page the browser was sent to or else from
    /// /inloggen, and waits until the header says who is signed in. A second sign-in of the same
    /// person needs <paramref name="codeOffset"/> of 30 s: each code is accepted once.
    /// </summary>
    public static async Task SignInAsync(this IPage page, Given given, Person person, TimeSpan? codeOffset = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(given);
        if (!OnLoginPage().IsMatch(page.Url))
        {
            await page.GotoAsync("/inloggen");
        }

        await page.EnterPasswordAsync(person);
        await Expect(page).ToHaveURLAsync(OnCodePage());
        await page.EnterCodeAsync(given.CodeFor(person, codeOffset));
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
    }

    /// <summary>A GP of a new practice, enrolled in two-factor, who has just signed in through the login pages.</summary>
    public static async Task<Person> SignInAsANewGpAsync(this IPage page, PortalServer portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var given = portal.Given;
        var gp = await given.AnAccountAsync(Schakel.BuildingBlocks.Access.SchakelRoles.GeneralPractitioner, await given.APracticeAsync());
        await page.SignInAsync(given, gp);
        return gp;
    }

    /// <summary>The login page (/inloggen with or without a return address), not its later steps.</summary>
    [GeneratedRegex(@"^https?://[^/]+/inloggen(\?.*)?$")]
    public static partial Regex OnLoginPage();

    [GeneratedRegex(@"^https?://[^/]+/inloggen/code(\?.*)?$")]
    public static partial Regex OnCodePage();

    /// <summary>The login page that will return to <paramref name="path"/> after signing in.</summary>
    public static Regex OnLoginPageReturningTo(string path) =>
        new($"^https?://[^/]+/inloggen\\?terug={Regex.Escape(Uri.EscapeDataString(path))}$");
}
