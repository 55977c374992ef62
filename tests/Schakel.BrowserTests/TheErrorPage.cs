using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class TheErrorPage(PortalServer portal)
{
    [Fact]
    public Task an_unknown_portal_address_asks_a_visitor_who_is_not_signed_in_to_sign_in_first() => portal.VisitAsync(async page =>
    {
        // Whether a page exists is only told to people who signed in.
        await page.GotoAsync("/bestaat-niet");

        await Expect(page).ToHaveURLAsync(SigningIn.OnLoginPageReturningTo("/bestaat-niet"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await Expect(page.GetByText("Er ging iets mis")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task an_unknown_portal_address_shows_the_dutch_not_found_page_with_a_way_back_home() => portal.VisitAsync(async page =>
    {
        await page.SignInAsANewGpAsync(portal);

        var response = await page.GotoAsync("/bestaat-niet");

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        Assert.StartsWith("text/html", await response.HeaderValueAsync("content-type") ?? "", StringComparison.Ordinal);
        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/bestaat-niet");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page).ToHaveTitleAsync("Er ging iets mis · Schakel");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Er ging iets mis");
        await Expect(page.Locator("main")).ToContainTextAsync("Deze pagina bestaat niet, of u mag haar niet zien.");
        // The portal's own frame (skip link, navigation) is there, so the user is not stranded.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Direct naar de inhoud" })).ToHaveCountAsync(1);
        await Expect(page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Sociale kaart" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de startpagina" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welkom bij Schakel");
    });

    [Fact]
    public Task an_unknown_portal_address_speaks_english_once_the_user_chose_english() => portal.VisitAsync(async page =>
    {
        await page.SignInAsANewGpAsync(portal);
        await page.GotoAsync("/");
        await page.GetByLabel("Taal").SelectOptionAsync(new SelectOptionValue { Label = "English" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzig" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome to Schakel");

        var response = await page.GotoAsync("/bestaat-niet");

        Assert.Equal(404, response?.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Something went wrong");
        await Expect(page.Locator("main")).ToContainTextAsync("This page does not exist, or you may not see it.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the start page" })).ToBeVisibleAsync();
    });
}
