using System.Text.Json;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Schakel.Referral.FallsPrevention;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

/// <summary>
/// Issue 6's acceptance: a GP searches the social map from postcode 5042, filters on "Vallen
/// Verleden Tijd" and home visits, opens the nearest result and refers her patient in one step;
/// the Referral module takes it on and e-mails the therapist's practice. No tile server is
/// configured here, so the map draws its origin, radius and results on a plain background.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class TheFallsPreventionSearch(PortalServer portal) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A fresh address per run: the mail server keeps what earlier tests received.</summary>
    private readonly string _deReitMail = $"de-reit.{Guid.NewGuid():N}@test.example.nl";

    public Task InitializeAsync() => portal.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Around Tilburg (5042 is the patient's area): the one expected first, one farther that also fits,
    /// and three that the filters or the radius must leave out.
    /// </summary>
    private async Task<Guid> ARegionAroundTilburgAsync()
    {
        var deReit = await ListAsync("Fysiotherapie De Reit", "5037 AB", ["VallenVerledenTijd", "Otago"], homeVisits: true, _deReitMail);
        await ListAsync("Fysio Goirle", "5051 AA", ["VallenVerledenTijd"], homeVisits: true, "goirle@test.example.nl");
        await ListAsync("Oefentherapie Zorgvlied", "5044 AA", ["VallenVerledenTijd"], homeVisits: false, "zorgvlied@test.example.nl");
        await ListAsync("Fysio Centrum", "5042 AB", ["InBalans"], homeVisits: true, "centrum@test.example.nl");
        await ListAsync("Fysio Den Bosch", "5211 AA", ["VallenVerledenTijd"], homeVisits: true, "denbosch@test.example.nl");
        await TheReferralModuleKnowsAsync(deReit);
        return deReit;
    }

    private async Task<Guid> ListAsync(string practice, string postcode, string[] offers, bool homeVisits, string email)
    {
        var response = await portal.Api.PostAsync("/api/socialmap/locations", new APIRequestContextOptions
        {
            DataObject = new
            {
                practiceName = practice,
                practiceAgbCode = "04123456",
                street = "Hoofdstraat",
                houseNumber = "12",
                postcode,
                city = "Tilburg",
                email,
                therapists = new object[] { new { name = "Anna de Wit", discipline = "Physiotherapist", agbCode = "04000021", bigNumber = "19012345601" } },
                offers,
                homeVisits,
                waitingWeeks = 2,
            },
        });
        Assert.True(response.Status == 201, $"Listing {practice} answered {response.Status}: {await response.TextAsync()}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The Referral module keeps its own copy from the social map's message; wait until it has arrived.</summary>
    private async Task TheReferralModuleKnowsAsync(Guid location)
    {
        var store = portal.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<FallsPreventionProvider>(location) is not null)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The Referral module did not hear of location {location} within {Patience}.");
            await Task.Delay(100);
        }
    }

    private static async Task SearchFrom5042ForVallenVerledenTijdWithHomeVisitsAsync(IPage page)
    {
        await page.GotoAsync("/sociale-kaart");
        await page.GetByLabel("Postcode van de patiënt").FillAsync("5042");
        await page.GetByLabel("Aanbod").SelectOptionAsync(new SelectOptionValue { Label = "Vallen Verleden Tijd (groep)" });
        await page.GetByLabel("Huisbezoek mogelijk").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
    }

    [Fact]
    public Task a_gp_searches_from_5042_filters_on_vallen_verleden_tijd_and_home_visits_opens_a_result_and_refers() => portal.VisitAsync(async page =>
    {
        var deReit = await ARegionAroundTilburgAsync();
        // The map's script runs under the portal's strict Content-Security-Policy, without errors.
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                problems.Add($"{message.Text} (at {message.Location}, on {page.Url})");
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        await page.SignInAsANewGpAsync(portal);

        await SearchFrom5042ForVallenVerledenTijdWithHomeVisitsAsync(page);

        // The search is a bookmarkable address that holds only the postcode area and the filters.
        await Expect(page).ToHaveURLAsync(SearchAddress());
        await Expect(page.GetByTestId("social-map-summary")).ToHaveTextAsync("2 locaties binnen 10 km van postcode 5042 (Tilburg)");
        var results = page.GetByTestId("social-map-result");
        await Expect(results.GetByRole(AriaRole.Heading)).ToHaveTextAsync(["Fysiotherapie De Reit 1,4 km", "Fysio Goirle 7,1 km"]);
        await Expect(results.First.GetByTestId("result-availability")).ToHaveTextAsync("Neemt nieuwe patiënten aan, wachttijd 2 weken");

        // The map, without tiles: the origin, the radius and this page's two results on a plain background.
        var map = page.GetByTestId("social-map-map");
        await Expect(map).ToBeVisibleAsync();
        await Expect(map).ToHaveAttributeAsync("data-state", "drawn");
        await Expect(map).ToHaveAttributeAsync("data-results-drawn", "2");
        await Expect(map.Locator("path.result")).ToHaveCountAsync(2);
        await Expect(map.Locator("path.origin")).ToHaveCountAsync(1);
        await Expect(map.Locator(".leaflet-tile")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("social-map-no-tiles")).ToHaveTextAsync("Kaart zonder ondergrond: er is geen kaartserver ingesteld.");

        await results.First.GetByRole(AriaRole.Link, new() { Name = "Fysiotherapie De Reit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Fysiotherapie De Reit");
        await Expect(page.GetByTestId("location-details")).ToContainTextAsync("Vallen Verleden Tijd (groep), Otago-programma");

        await page.GetByRole(AriaRole.Link, new() { Name = "Verwijs voor valpreventie" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{portal.BaseUrl}/valpreventie/nieuw?locatie={deReit}&aanbod=VallenVerledenTijd");
        await Expect(page.GetByTestId("chosen-location")).ToContainTextAsync("Fysiotherapie De Reit");
        await Expect(page.GetByLabel("Praktijk", new() { Exact = true })).ToHaveValueAsync(deReit.ToString());
        await Expect(page.GetByLabel("Programma of behandeling")).ToHaveValueAsync("Vallen Verleden Tijd");
        await page.GetByLabel("Patiëntnummer in uw HIS").FillAsync("HIS-2207");
        await page.GetByLabel("De patiënt gaf toestemming voor de verwijzing").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verwijzen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Valpreventie: Fysiotherapie De Reit");
        await Expect(page.GetByTestId("falls-status")).ToHaveTextAsync("verwezen, wacht op de intake");
        await Expect(page.GetByTestId("falls-referral")).ToContainTextAsync("Vallen Verleden Tijd");

        // The Referral module carries it on: the practice is asked to confirm the intake, without the patient.
        var mail = await portal.Mail.WaitForMessageToAsync(_deReitMail, Patience);
        Assert.Equal("Verwijzing voor valpreventie: bevestig de intake", mail.Subject);
        Assert.Contains("Vallen Verleden Tijd", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("HIS-2207", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    });

    [Fact]
    public Task without_the_map_library_the_list_and_the_referral_still_work() => portal.VisitAsync(async page =>
    {
        var deReit = await ARegionAroundTilburgAsync();
        await page.RouteAsync("**/lib/leaflet/**", route => route.AbortAsync());
        await page.SignInAsANewGpAsync(portal);

        await SearchFrom5042ForVallenVerledenTijdWithHomeVisitsAsync(page);

        await Expect(page.GetByTestId("social-map-map")).ToHaveAttributeAsync("data-state", "unavailable");
        await Expect(page.GetByTestId("social-map-map")).ToHaveTextAsync("De kaart is niet beschikbaar; de lijst bevat alle resultaten.");
        await Expect(page.GetByTestId("social-map-result")).ToHaveCountAsync(2);
        await page.GetByTestId("social-map-result").First.GetByRole(AriaRole.Link, new() { Name = "Verwijs voor valpreventie" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{portal.BaseUrl}/valpreventie/nieuw?locatie={deReit}&aanbod=VallenVerledenTijd");
        await Expect(page.GetByTestId("chosen-location")).ToContainTextAsync("Fysiotherapie De Reit");
    });

    [GeneratedRegex(@"/sociale-kaart\?postcode=5042&straal=10&discipline=&aanbod=VallenVerledenTijd&financiering=&taal=&huisbezoek=true$")]
    private static partial Regex SearchAddress();
}
