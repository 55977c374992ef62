using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class TheStartPage(PortalServer portal)
{
    [Fact]
    public Task is_in_dutch_even_for_a_browser_that_prefers_english() => portal.VisitAsync(async page =>
    {
        await page.GotoAsync("/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page).ToHaveTitleAsync("Welkom bij Schakel · Schakel");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welkom bij Schakel");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Voor wie" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByLabel("Taal")).ToHaveValueAsync("nl-NL");
        await Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Inloggen", Exact = true })).ToBeVisibleAsync();
    });

    [Fact]
    public Task offers_a_visitor_who_is_not_signed_in_only_the_way_to_sign_in_and_no_modules() => portal.VisitAsync(async page =>
    {
        await page.GotoAsync("/");

        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sociale kaart" })).ToHaveCountAsync(0);

        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Inloggen", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/inloggen");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await Expect(page.GetByLabel("E-mailadres", new() { Exact = true })).ToBeFocusedAsync();
    });

    [Fact]
    public Task shows_a_signed_in_gp_her_modules_in_the_navigation_and_as_tiles() => portal.VisitAsync(async page =>
    {
        await page.SignInAsANewGpAsync(portal);

        await page.GotoAsync("/");

        await Expect(page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Sociale kaart" })).ToBeVisibleAsync();
        await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Sociale kaart" })).ToBeVisibleAsync();
        // Administration is for administrators only.
        await Expect(page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Gebruikers", Exact = true })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task the_skip_link_is_hidden_until_a_keyboard_user_tabs_to_it_and_then_jumps_to_the_content() => portal.VisitAsync(async page =>
    {
        // Signed in, so that the content has links (the module tiles) to land on.
        await page.SignInAsANewGpAsync(portal);
        await page.GotoAsync("/");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Direct naar de inhoud" });
        await Expect(skip).ToHaveAttributeAsync("href", "#main");
        await Expect(skip).Not.ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Tab");

        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("#main$"));

        // The next Tab lands in the content, past the header, language switch and navigation.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("main :focus")).ToHaveCountAsync(1);
        await Expect(page.Locator("header :focus, nav :focus")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task switching_to_english_translates_the_portal_and_the_choice_survives_navigation_until_switched_back() => portal.VisitAsync(async page =>
    {
        await page.SignInAsANewGpAsync(portal);
        await page.GotoAsync("/");

        await page.GetByLabel("Taal", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "English" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzig" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome to Schakel");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Language", new() { Exact = true })).ToHaveValueAsync("en");

        // Following a link keeps English...
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Social map" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/sociale-kaart");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Social map: falls prevention");

        // ...and so does a new tab that opens the portal afresh.
        var secondTab = await page.Context.NewPageAsync();
        await secondTab.GotoAsync("/");
        await Expect(secondTab.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome to Schakel");
        await secondTab.CloseAsync();

        // Switching back on the social map leaves the user on the social map, in Dutch.
        await page.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Nederlands" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/sociale-kaart");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sociale kaart valpreventie");

        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welkom bij Schakel");
    });
}
