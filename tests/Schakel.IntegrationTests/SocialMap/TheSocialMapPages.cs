using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.Identity;
using Schakel.Referral.FallsPrevention;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Schakel.Testing;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>
/// The social map's portal pages with real sign-ins: the GP's search (its Dutch messages, ranking
/// and paging, the referral one click away), and the coordinator keeping the map in forms that
/// follow the API's rules.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class TheSocialMapPages(IntegrationApp app) : IAsyncLifetime
{
    private readonly Given _given = new(app);

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<PortalClient> SignedInAsync(string role)
    {
        var organisation = role == SchakelRoles.Coordinator ? await _given.ARegionAsync() : await _given.APracticeAsync();
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, await _given.AnAccountAsync(role, organisation));
        return browser;
    }

    private static async Task<string> Html(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static TherapistLocationEntry Entry(string practice, string postcode, IReadOnlyList<FallsPreventionOffer>? offers = null, bool homeVisits = false) => new(
        practice, "04123456", "Hoofdstraat", "12", postcode, "Tilburg", "013-5441234", $"{Guid.NewGuid():N}@test.example.nl",
        [new TherapistEntry("Anna de Wit", TherapistDiscipline.Physiotherapist, "04000021", "19012345601")],
        offers ?? [FallsPreventionOffer.VallenVerledenTijd], HomeVisits: homeVisits, WaitingWeeks: 3);

    private async Task<Guid> ListAsync(TherapistLocationEntry entry)
    {
        var listed = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator());
            s.Post.Json(entry).ToUrl("/api/socialmap/locations");
            s.StatusCodeShouldBe(201);
        });
        return (await listed.ReadAsJsonAsync<LocationView>())!.Id;
    }

    [Fact]
    public async Task an_invalid_or_unknown_postcode_or_a_tampered_filter_gets_a_dutch_message_next_to_its_field()
    {
        using var gp = await SignedInAsync(SchakelRoles.GeneralPractitioner);

        var invalid = await gp.GetAsync("/sociale-kaart?postcode=abc");
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var page = await Html(invalid);
        Assert.Contains(PostcodeQuery.Invalid, page, StringComparison.Ordinal);
        Assert.Contains("De zoekopdracht is niet goed ingevuld", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"social-map-results\"", page, StringComparison.Ordinal);

        Assert.Contains("Postcode 1000 kennen we niet. Controleer de cijfers, of zoek vanaf een postcode in de buurt.",
            await Html(await gp.GetAsync("/sociale-kaart?postcode=1000")), StringComparison.Ordinal);
        Assert.Contains(PostcodeQuery.Invalid, await Html(await gp.GetAsync("/sociale-kaart?postcode=")), StringComparison.Ordinal);

        var tampered = await Html(await gp.GetAsync("/sociale-kaart?postcode=5042&straal=7&aanbod=1&huisbezoek=misschien"));
        Assert.Contains("Kies een straal van 5, 10, 15, 25 of 50 km.", tampered, StringComparison.Ordinal);
        Assert.Contains("Kies een waarde uit de lijst.", tampered, StringComparison.Ordinal);
        Assert.Contains("Vink dit aan of laat het leeg.", tampered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task results_are_nearest_first_with_their_distance_and_ten_to_a_page()
    {
        // Eleven locations in Tilburg's postcode areas, listed farthest first so the order cannot come from the listing.
        string[] areas = ["5022 AA", "5047 AA", "5043 AA", "5011 AA", "5049 AA", "5038 AA", "5041 AA", "5048 AA", "5046 AA", "5037 AA", "5044 AA"];
        for (var i = 0; i < areas.Length; i++)
        {
            await ListAsync(Entry($"Praktijk {areas[i][..4]}", areas[i]));
        }

        using var gp = await SignedInAsync(SchakelRoles.GeneralPractitioner);
        var first = await Html(await gp.GetAsync("/sociale-kaart?postcode=5042&straal=10"));
        Assert.Contains("11 locaties binnen 10 km van postcode 5042 (Tilburg)", first, StringComparison.Ordinal);
        Assert.Equal(
            ["Praktijk 5044", "Praktijk 5037", "Praktijk 5046", "Praktijk 5041", "Praktijk 5048", "Praktijk 5038", "Praktijk 5049", "Praktijk 5011", "Praktijk 5043", "Praktijk 5047"],
            ResultNames().Matches(first).Select(m => m.Groups["name"].Value));
        // 5041 and 5048 are both 1,8 km away: then by name.
        Assert.Contains("1,3 km", first, StringComparison.Ordinal);
        Assert.Contains("Pagina 1 van 2", first, StringComparison.Ordinal);

        var next = NextPage().Match(first);
        Assert.True(next.Success, "The first page links to the next.");
        var second = await Html(await gp.GetAsync(next.Groups["href"].Value));
        Assert.Equal(["Praktijk 5022"], ResultNames().Matches(second).Select(m => m.Groups["name"].Value));
        Assert.Contains("Pagina 2 van 2", second, StringComparison.Ordinal);
        Assert.Contains("4,3 km", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_gp_refers_from_a_result_in_one_click_and_the_referral_form_has_the_location_and_the_programme()
    {
        var fits = await ListAsync(Entry("Fysio Vallen", "5037 AB", [FallsPreventionOffer.VallenVerledenTijd], homeVisits: true));
        await ListAsync(Entry("Fysio Thuis Niet", "5044 AB", [FallsPreventionOffer.VallenVerledenTijd], homeVisits: false));
        await ListAsync(Entry("Fysio Balans", "5042 AB", [FallsPreventionOffer.InBalans], homeVisits: true));

        using var gp = await SignedInAsync(SchakelRoles.GeneralPractitioner);
        var found = await Html(await gp.GetAsync("/sociale-kaart?postcode=5042&aanbod=VallenVerledenTijd&huisbezoek=true"));
        Assert.Equal(["Fysio Vallen"], ResultNames().Matches(found).Select(m => m.Groups["name"].Value));
        var refer = $"/valpreventie/nieuw?locatie={fits}&aanbod=VallenVerledenTijd";
        Assert.Contains($"href=\"{refer}\"", found, StringComparison.Ordinal);
        Assert.Contains($"href=\"/sociale-kaart/{fits}?aanbod=VallenVerledenTijd\"", found, StringComparison.Ordinal);

        await WaitUntilTheReferralModuleKnowsAsync(fits);
        var form = await Html(await gp.GetAsync(refer));
        Assert.Contains("U verwijst naar <strong>Fysio Vallen</strong> in Tilburg", form, StringComparison.Ordinal);
        Assert.Matches($"<option value=\"{fits}\" selected=\"selected\">", form);
        Assert.Contains("value=\"Vallen Verleden Tijd\"", form, StringComparison.Ordinal);

        var made = await gp.SubmitAsync(refer, new Dictionary<string, string>
        {
            ["locatie"] = fits.ToString(), ["Reference"] = "HIS-881", ["Programme"] = "Vallen Verleden Tijd", ["Consent"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Contains("Valpreventie: Fysio Vallen", await Html(await gp.GetAsync(made.Headers.Location!.OriginalString)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_entry_nobody_verified_for_six_months_is_flagged_with_the_day_it_was_last_verified()
    {
        // Listed seven months ago (listing counts as verifying), written as the product would have then.
        var id = Guid.CreateVersion7();
        var then = DateTimeOffset.UtcNow.AddMonths(-7);
        var areas = PostcodeAreas.LoadEmbedded();
        await using (var session = app.Store.LightweightSession())
        {
            session.Events.StartStream<TherapistLocation>(id, ListTherapistLocationEndpoint.Decide(
                id, Entry("Fysio Oud", "5037 AB"), areas, new EntryAuthor(EntrySource.Coordinator, null, "Coördinator"), then));
            await session.SaveChangesAsync();
        }

        await ListAsync(Entry("Fysio Vers", "5044 AB"));
        using var gp = await SignedInAsync(SchakelRoles.GeneralPractitioner);
        var found = await Html(await gp.GetAsync("/sociale-kaart?postcode=5042"));
        var lastVerified = Schakel.BuildingBlocks.Portal.DutchTime.ToDutch(then).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        Assert.Matches("Fysio Oud</a>\\s*<span class=\"distance\"[^>]*>1,4 km</span>\\s*<span class=\"badge stale\"[^>]*>verouderd</span>", found);
        Assert.Contains($"Laatst gecontroleerd op {lastVerified}: langer dan 6 maanden geleden", found, StringComparison.Ordinal);
        Assert.DoesNotMatch("Fysio Vers</a>\\s*<span class=\"distance\"[^>]*>[^<]*</span>\\s*<span class=\"badge stale\"", found);
        Assert.Contains($"Laatst gecontroleerd op {lastVerified}", await Html(await gp.GetAsync($"/sociale-kaart/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_gp_reads_a_location_and_the_coordinator_also_its_history_and_tools()
    {
        var id = await ListAsync(Entry("Fysio Detail", "5037 AB"));

        using var gp = await SignedInAsync(SchakelRoles.GeneralPractitioner);
        var asGp = await Html(await gp.GetAsync($"/sociale-kaart/{id}"));
        Assert.Contains("Fysio Detail", asGp, StringComparison.Ordinal);
        Assert.Contains("Neemt nieuwe patiënten aan, wachttijd 3 weken", asGp, StringComparison.Ordinal);
        Assert.Contains("19012345601", asGp, StringComparison.Ordinal);
        Assert.Contains("Verwijs voor valpreventie", asGp, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"location-coordinator\"", asGp, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/sociale-kaart/{Guid.CreateVersion7()}")).StatusCode);

        using var coordinator = await SignedInAsync(SchakelRoles.Coordinator);
        var asCoordinator = await Html(await coordinator.GetAsync($"/sociale-kaart/{id}"));
        Assert.Contains("data-testid=\"location-coordinator\"", asCoordinator, StringComparison.Ordinal);
        Assert.Contains("Op de sociale kaart gezet", asCoordinator, StringComparison.Ordinal);
        Assert.DoesNotContain("Verwijs voor valpreventie", asCoordinator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_coordinator_adds_edits_verifies_and_retires_a_location_with_the_apis_rules()
    {
        using var coordinator = await SignedInAsync(SchakelRoles.Coordinator);
        var fields = new Dictionary<string, string>
        {
            ["Form.PracticeName"] = "Fysio Formulier", ["Form.PracticeAgbCode"] = "0412", ["Form.Street"] = "Hoofdstraat", ["Form.HouseNumber"] = "3",
            ["Form.Postcode"] = "1000 AA", ["Form.City"] = "Tilburg", ["Form.Email"] = "formulier@test.example.nl",
            ["Form.Therapists[0].Name"] = "Bram Smits", ["Form.Therapists[0].Discipline"] = "Physiotherapist", ["Form.Therapists[0].AgbCode"] = "04000031",
            ["Form.Therapists[1].Name"] = "", ["Form.Therapists[2].Name"] = "Cor Ergo", ["Form.Therapists[2].Discipline"] = "OccupationalTherapist",
            ["Form.Therapists[2].AgbCode"] = "04000032", ["Form.Offers"] = "VallenVerledenTijd", ["Form.Languages"] = "nl", ["Form.AcceptingPatients"] = "true",
        };

        var refused = await coordinator.SubmitAsync("/sociale-kaart/nieuw", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var messages = await Html(refused);
        Assert.Contains("Een AGB-code bestaat uit 8 cijfers.", messages, StringComparison.Ordinal);
        Assert.Contains("Deze postcode komt niet voor in Nederland.", messages, StringComparison.Ordinal);
        Assert.Contains("Een fysiotherapeut staat in het BIG-register: vul het BIG-nummer in.", messages, StringComparison.Ordinal);
        // Each message sits with its field: the BIG number's with the first row's BIG number.
        Assert.Matches("data-valmsg-for=\"Form.Therapists\\[0\\].BigNumber\"[^>]*>Een fysiotherapeut staat in het BIG-register", messages);
        await using (var session = app.Store.QuerySession())
        {
            Assert.Equal(0, await session.Query<TherapistLocation>().CountAsync());
        }

        fields["Form.PracticeAgbCode"] = "04123456";
        fields["Form.Postcode"] = "5037 ab";
        fields["Form.Therapists[0].BigNumber"] = "19012345601";
        var added = await coordinator.SubmitAsync("/sociale-kaart/nieuw", fields);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = added.Headers.Location!.OriginalString;
        var id = Guid.Parse(page.Split('/')[^1]);
        var shown = await Html(await coordinator.GetAsync(page));
        Assert.Contains("Hoofdstraat 3, 5037 AB Tilburg", shown, StringComparison.Ordinal);
        Assert.Contains("Cor Ergo", shown, StringComparison.Ordinal);
        await WaitUntilTheReferralModuleKnowsAsync(id);

        var edit = await Html(await coordinator.GetAsync($"{page}/wijzigen"));
        Assert.Contains("value=\"Fysio Formulier\"", edit, StringComparison.Ordinal);
        Assert.Contains("value=\"19012345601\"", edit, StringComparison.Ordinal);
        fields["Form.Postcode"] = "5037 AB";
        fields.Remove("Form.AcceptingPatients");
        fields["Form.WaitingWeeks"] = "6";
        fields["Form.HomeVisits"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync($"{page}/wijzigen", fields)).StatusCode);
        var edited = await Html(await coordinator.GetAsync(page));
        Assert.Contains("Neemt geen nieuwe patiënten aan", edited, StringComparison.Ordinal);
        Assert.Contains("Gewijzigd: huisbezoek, neemt patiënten aan, wachttijd", edited, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync(edited, $"{page}/gecontroleerd", new Dictionary<string, string>())).StatusCode);
        Assert.Contains("Gecontroleerd", await Html(await coordinator.GetAsync(page)), StringComparison.Ordinal);

        var linkSent = await coordinator.PostFormAsync(edited, $"{page}/bijwerklink", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, linkSent.StatusCode);
        Assert.Contains("De link is gestuurd naar formulier@test.example.nl.", await Html(linkSent), StringComparison.Ordinal);
        Assert.Contains("/sociale-kaart/bijwerken/", (await app.Mail.WaitForMessageToAsync("formulier@test.example.nl", TimeSpan.FromSeconds(15))).TextBody, StringComparison.Ordinal);
        Assert.Contains("Aanbieder per e-mail een link gestuurd om de gegevens bij te werken", await Html(await coordinator.GetAsync(page)), StringComparison.Ordinal);

        var noReason = await coordinator.PostFormAsync(edited, $"{page}/van-de-kaart", new Dictionary<string, string> { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Geef aan waarom de locatie van de kaart gaat.", await Html(noReason), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect,
            (await coordinator.PostFormAsync(edited, $"{page}/van-de-kaart", new Dictionary<string, string> { ["Reason"] = "Praktijk gesloten" })).StatusCode);
        var retired = await Html(await coordinator.GetAsync(page));
        Assert.Contains("Praktijk gesloten", retired, StringComparison.Ordinal);
        Assert.DoesNotContain("Fysio Formulier", await Html(await coordinator.GetAsync("/sociale-kaart?postcode=5037")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task only_the_coordinator_keeps_the_map()
    {
        var id = await ListAsync(Entry("Fysio Alleen Lezen", "5037 AB"));
        using var gp = await SignedInAsync(SchakelRoles.GeneralPractitioner);
        var detail = await Html(await gp.GetAsync($"/sociale-kaart/{id}"));

        foreach (var page in new[] { "/sociale-kaart/nieuw", $"/sociale-kaart/{id}/wijzigen", $"/sociale-kaart/{id}/van-de-kaart" })
        {
            AssertSentToTheForbiddenPage(await gp.GetAsync(page));
        }

        AssertSentToTheForbiddenPage(await gp.PostFormAsync(detail, $"/sociale-kaart/{id}/gecontroleerd", new Dictionary<string, string>()));
        AssertSentToTheForbiddenPage(await gp.PostFormAsync(detail, $"/sociale-kaart/{id}/van-de-kaart", new Dictionary<string, string> { ["Reason"] = "Weg" }));
        AssertSentToTheForbiddenPage(await gp.PostFormAsync(detail, $"/sociale-kaart/{id}/bijwerklink", new Dictionary<string, string>()));
        await using var session = app.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(id));
    }

    /// <summary>The portal's answer to a signed-in user without the role: its "no access" page.</summary>
    private static void AssertSentToTheForbiddenPage(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/fout/403", new Uri(new Uri("https://localhost"), response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
    }

    private async Task WaitUntilTheReferralModuleKnowsAsync(Guid location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var session = app.Store.QuerySession();
            if (await session.LoadAsync<FallsPreventionProvider>(location) is not null)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The Referral module did not hear of location {location}.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("data-testid=\"social-map-result\"[^>]*>\\s*<h3>\\s*<a href=\"[^\"]+\">(?<name>[^<]+)</a>")]
    private static partial Regex ResultNames();

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\" rel=\"next\">")]
    private static partial Regex NextPage();
}
