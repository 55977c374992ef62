using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

/// <summary>
/// The social-map page, for a GP who signed in with password and code, reads the therapist
/// locations the coordinator listed through the API.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TheSocialMapPage(PortalServer portal) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => portal.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Lists a location as an API client (the coordinator's tooling) would, and checks it was accepted.</summary>
    private async Task ListAsync(string practice, string postcode, string street, object[] therapists, string[] offers)
    {
        var response = await portal.Api.PostAsync("/api/socialmap/locations", new APIRequestContextOptions
        {
            DataObject = new
            {
                practiceName = practice,
                practiceAgbCode = "04123456",
                street,
                houseNumber = "1",
                postcode,
                city = "Tilburg",
                therapists,
                offers,
            },
        });
        Assert.True(response.Status == 201, $"Listing {practice} answered {response.Status}: {await response.TextAsync()}");
    }

    /// <summary>Signs in as a new GP through the login pages and opens the social map, as she would from a bookmark.</summary>
    private async Task OpenTheSocialMapAsASignedInGpAsync(IPage page)
    {
        await page.SignInAsANewGpAsync(portal);
        await page.GotoAsync("/sociale-kaart");
    }

    /// <summary>The text of an element as the page shows it right now, or null when it is not there (no waiting).</summary>
    private static async Task<string?> TextNowAsync(ILocator element) =>
        await element.CountAsync() == 1 ? (await element.TextContentAsync())?.Trim() : null;

    private static object Therapist(string name, string discipline, string agbCode) => new { name, discipline, agbCode };

    [Fact]
    public Task an_empty_social_map_says_so_in_dutch() => portal.VisitAsync(async page =>
    {
        await OpenTheSocialMapAsASignedInGpAsync(page);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page).ToHaveTitleAsync("Sociale kaart valpreventie · Schakel");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sociale kaart valpreventie");
        await Expect(page.GetByText("Er staan nog geen locaties op de sociale kaart.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("social-map-locations")).ToHaveCountAsync(0);
        await Expect(page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Sociale kaart" }))
            .ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dekking per gemeente" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task a_listed_location_shows_with_its_address_therapists_and_offers_in_dutch() => portal.VisitAsync(async page =>
    {
        await ListAsync("Fysio Test", "5038 ab", "Stationsstraat",
            [Therapist("Eva Bakker", "Physiotherapist", "04000011"), Therapist("Fleur Hendriks", "OccupationalTherapist", "04000012")],
            ["Otago", "InBalans"]);

        await OpenTheSocialMapAsASignedInGpAsync(page);

        var locations = page.GetByTestId("social-map-locations");
        await Expect(locations.GetByRole(AriaRole.Columnheader))
            .ToHaveTextAsync(["Praktijk", "Adres", "Gemeente", "Therapeuten", "Valpreventie"]);
        var row = locations.Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td")).ToHaveTextAsync(
            [
                "Fysio Test",
                "Stationsstraat 1 5038 AB Tilburg",
                "Tilburg",
                "Eva Bakker (Fysiotherapeut) Fleur Hendriks (Ergotherapeut)",
                "In Balans (groep), Otago-programma",
            ],
            new() { UseInnerText = true });
        await Expect(page.GetByText("Er staan nog geen locaties op de sociale kaart.")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task the_coverage_per_municipality_catches_up_with_new_locations_after_a_reload() => portal.VisitAsync(async page =>
    {
        await ListAsync("Fysio Noord", "5038 AB", "Stationsstraat",
            [Therapist("Eva Bakker", "Physiotherapist", "04000011")], ["Otago"]);
        await ListAsync("Ergo Zuid", "5022 AA", "Ringbaan-Oost",
            [Therapist("Fleur Hendriks", "OccupationalTherapist", "04000012"), Therapist("Gijs van Dijk", "Physiotherapist", "04000013")],
            ["InBalans"]);

        await OpenTheSocialMapAsASignedInGpAsync(page);
        var coverage = page.GetByTestId("social-map-coverage");
        await Expect(coverage.GetByRole(AriaRole.Columnheader))
            .ToHaveTextAsync(["Gemeente", "Locaties", "Fysiotherapeut", "Oefentherapeut", "Ergotherapeut"]);
        await Expect(page.GetByText("Wordt op de achtergrond bijgewerkt; kan enkele seconden achterlopen.")).ToBeVisibleAsync();

        // The page says it may lag a few seconds; a user reloads until Tilburg counts both locations.
        var tilburg = coverage.Locator("tbody tr").Filter(new() { Has = page.Locator("td", new() { HasTextString = "Tilburg" }) });
        var locationsCell = tilburg.Locator("td").Nth(1);
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline && await TextNowAsync(locationsCell) != "2")
        {
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
        }

        await Expect(tilburg.Locator("td")).ToHaveTextAsync(["Tilburg", "2", "2", "0", "1"]);
        await Expect(page.GetByText("Postcodecoördinaten: GeoNames (CC BY 4.0)")).ToBeVisibleAsync();
    });
}
