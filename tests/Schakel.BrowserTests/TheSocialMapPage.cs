using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

/// <summary>
/// The social-map pages, for a GP who signed in with password and code: the search page (empty
/// before a search), a location the coordinator listed through the API found and opened, and the
/// coverage per municipality.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TheSocialMapPage(PortalServer portal) : IAsyncLifetime
{
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

    /// <summary>A physiotherapist is BIG-registered; exercise and occupational therapists are not.</summary>
    private static object Therapist(string name, string discipline, string agbCode) =>
        discipline == "Physiotherapist" ? new { name, discipline, agbCode, bigNumber = "19012345601" } : new { name, discipline, agbCode };

    [Fact]
    public Task an_empty_social_map_says_so_in_dutch() => portal.VisitAsync(async page =>
    {
        await OpenTheSocialMapAsASignedInGpAsync(page);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page).ToHaveTitleAsync("Sociale kaart valpreventie · Schakel");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sociale kaart valpreventie");
        await Expect(page.GetByText("Er staan nog geen locaties op de sociale kaart.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Postcode van de patiënt")).ToBeEmptyAsync();
        await Expect(page.GetByTestId("social-map-results")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("social-map-map")).ToHaveCountAsync(0);
        await Expect(page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Sociale kaart" }))
            .ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dekking per gemeente" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Locatie toevoegen" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task a_listed_location_is_found_from_its_postcode_and_shows_its_address_therapists_and_offers_in_dutch() => portal.VisitAsync(async page =>
    {
        await ListAsync("Fysio Test", "5038 ab", "Stationsstraat",
            [Therapist("Eva Bakker", "Physiotherapist", "04000011"), Therapist("Fleur Hendriks", "OccupationalTherapist", "04000012")],
            ["Otago", "InBalans"]);

        await OpenTheSocialMapAsASignedInGpAsync(page);
        await Expect(page.GetByText("Er staat 1 locatie op de sociale kaart.")).ToBeVisibleAsync();
        await page.GetByLabel("Postcode van de patiënt").FillAsync("5038 AB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();

        await Expect(page.GetByTestId("social-map-summary")).ToHaveTextAsync("1 locatie binnen 10 km van postcode 5038 (Tilburg)");
        var result = page.GetByTestId("social-map-result");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Fysio Test 0,0 km");
        await Expect(result).ToContainTextAsync("Stationsstraat 1, 5038 AB Tilburg (Tilburg)");
        await Expect(result.Locator("dd").First).ToHaveTextAsync("Fysiotherapeut, Ergotherapeut");
        await Expect(result.Locator("dd").Nth(1)).ToHaveTextAsync("In Balans (groep), Otago-programma");
        await Expect(result.GetByTestId("result-availability")).ToHaveTextAsync("Neemt nieuwe patiënten aan");
        await Expect(page.GetByText("Er staan nog geen locaties op de sociale kaart.")).ToHaveCountAsync(0);

        await result.GetByRole(AriaRole.Link, new() { Name = "Fysio Test" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Fysio Test");
        await Expect(page.GetByTestId("location-therapists").Locator("tbody tr")).ToHaveTextAsync(
            ["Eva Bakker Fysiotherapeut 04000011 19012345601", "Fleur Hendriks Ergotherapeut 04000012"], new() { UseInnerText = true });
        await Expect(page.GetByTestId("location-freshness")).ToContainTextAsync("Laatst gecontroleerd op");
        // A GP reads; keeping the map is the coordinator's.
        await Expect(page.GetByTestId("location-coordinator")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task the_coverage_per_municipality_counts_the_listed_locations() => portal.VisitAsync(async page =>
    {
        await ListAsync("Fysio Noord", "5038 AB", "Stationsstraat",
            [Therapist("Eva Bakker", "Physiotherapist", "04000011")], ["Otago"]);
        await ListAsync("Ergo Zuid", "5022 AA", "Ringbaan-Oost",
            [Therapist("Fleur Hendriks", "OccupationalTherapist", "04000012"), Therapist("Gijs van Dijk", "Physiotherapist", "04000013")],
            ["InBalans"]);

        await OpenTheSocialMapAsASignedInGpAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dekking per gemeente" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dekking per gemeente");
        var coverage = page.GetByTestId("social-map-coverage");
        await Expect(coverage.GetByRole(AriaRole.Columnheader))
            .ToHaveTextAsync(["Gemeente", "Locaties", "Fysiotherapeut", "Oefentherapeut", "Ergotherapeut", "Verouderd"]);
        var tilburg = coverage.Locator("tbody tr").Filter(new() { Has = page.Locator("td", new() { HasTextString = "Tilburg" }) });
        await Expect(tilburg.Locator("td")).ToHaveTextAsync(["Tilburg", "2", "2", "0", "1", "0"]);
        await Expect(page.GetByText("Postcodecoördinaten: GeoNames (CC BY 4.0)")).ToBeVisibleAsync();
    });
}
