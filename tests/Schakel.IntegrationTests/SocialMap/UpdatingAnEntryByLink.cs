using System.Net;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;
using Schakel.Testing;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>
/// A provider keeps her own entry current through the signed, expiring, single-use link the
/// coordinator e-mails her: no account, no patient data in the mail; a used, replaced, expired or
/// changed link changes nothing.
/// </summary>
[Collection(SocialMapClockCollection.Name)]
public sealed class UpdatingAnEntryByLink(SocialMapClockApp app) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        app.Clock.Offset = TimeSpan.Zero;
        return app.ResetDataAsync();
    }

    public Task DisposeAsync()
    {
        app.Clock.Offset = TimeSpan.Zero;
        return Task.CompletedTask;
    }

    private async Task<(LocationView Location, string Email)> ALocationAsync(string name = "Fysio Balans")
    {
        var email = SocialMapSteps.AnAddress("balans");
        return (await app.ListAsync(SocialMapSteps.AnEntry(name, email)), email);
    }

    private Task<IScenarioResult> SendLinkAsync(Guid id, CareUser? by = null, int status = 200) =>
        app.Host.Scenario(s =>
        {
            s.As(by ?? TestUsers.Coordinator());
            s.Post.Url($"/api/socialmap/locations/{id}/provider-link");
            s.StatusCodeShouldBe(status);
        });

    /// <summary>What the browser posts from the form as the page shows it for <see cref="SocialMapSteps.AnEntry"/>, with the waiting time changed.</summary>
    private static Dictionary<string, string> TheForm(string email, int waitingWeeks) => new()
    {
        ["Form.Phone"] = "013-5441234", ["Form.Email"] = email, ["Form.Website"] = "",
        ["Form.Therapists[0].Name"] = "Anouk de Vries", ["Form.Therapists[0].Discipline"] = "Physiotherapist",
        ["Form.Therapists[0].AgbCode"] = "04000001", ["Form.Therapists[0].BigNumber"] = "19012345601",
        ["Form.Therapists[1].Name"] = "", ["Form.Therapists[1].Discipline"] = "", ["Form.Therapists[1].AgbCode"] = "", ["Form.Therapists[1].BigNumber"] = "",
        ["Form.Offers"] = "InBalans", ["Form.Specialisations"] = "", ["Form.Certificates"] = "",
        ["Form.HomeVisits"] = "false", ["Form.Languages"] = "nl", ["Form.WheelchairAccessible"] = "false",
        ["Form.FundingRoutes"] = "BasicInsurance", ["Form.ContractedInsurers"] = "CZ\nVGZ",
        ["Form.AcceptingPatients"] = "true", ["Form.WaitingWeeks"] = waitingWeeks.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task the_coordinator_emails_a_link_and_the_provider_saves_her_changes_with_it_once()
    {
        var (location, email) = await ALocationAsync();
        var sent = (await (await SendLinkAsync(location.Id)).ReadAsJsonAsync<ProviderLinkSentView>())!;
        Assert.Equal((email, ProviderLinkReason.Requested), (sent.SentTo, sent.Reason));

        var (link, mail) = await app.LinkInMailAsync(email);
        Assert.Equal("Sociale kaart valpreventie: controleer uw vermelding", mail.Subject);
        Assert.Contains("Beste collega van Fysio Balans", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("De link werkt één keer", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(link, mail.HtmlBody, StringComparison.Ordinal);
        var all = mail.Subject + mail.TextBody + mail.HtmlBody;
        foreach (var detail in new[] { "Anouk de Vries", "04000001", "19012345601", "013-5441234" })
        {
            Assert.DoesNotContain(detail, all, StringComparison.Ordinal);
        }

        Assert.False(CareIdentifiers.ContainsBsn(all));

        using var provider = new PortalClient(app.Host.Server);
        var page = await provider.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var form = await SocialMapSteps.Html(page);
        Assert.Contains("Alles klopt nog", form, StringComparison.Ordinal);
        Assert.Contains("Wijzigingen opslaan", form, StringComparison.Ordinal);
        Assert.Contains("value=\"Anouk de Vries\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"2\"", System.Text.RegularExpressions.Regex.Match(form, "<input[^>]*name=\"Form\\.WaitingWeeks\"[^>]*>").Value, StringComparison.Ordinal);

        // A bad field is refused next to it, in Dutch, and the link stays good.
        var bad = TheForm("geen-adres", 5);
        bad.Remove("Form.Offers");
        bad.Remove("Form.Languages");
        var refused = await provider.PostFormAsync(form, $"{link}?handler=Save", bad);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = await SocialMapSteps.Html(refused);
        var shown = System.Text.RegularExpressions.Regex.Matches(errors, "field-validation-error\"[^>]*>([^<]*)<").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("Vul een geldig e-mailadres in.", shown);
        Assert.Contains("Kies ten minste één valpreventie-aanbod.", shown);
        Assert.DoesNotContain(shown, e => e.Contains("required", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, (await app.LocationAsync(location.Id)).WaitingWeeks);

        var saved = await provider.PostFormAsync(form, $"{link}?handler=Save", TheForm(email, 5));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Uw wijzigingen zijn opgeslagen", await SocialMapSteps.Html(saved), StringComparison.Ordinal);

        var after = await app.LocationAsync(location.Id);
        Assert.Equal(5, after.WaitingWeeks);
        Assert.Equal(["CZ", "VGZ"], after.ContractedInsurers);
        Assert.True(after.LastVerifiedAt > location.LastVerifiedAt);
        var history = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Get.Url($"/api/socialmap/locations/{location.Id}/history"));
        var last = (await history.ReadAsJsonAsync<LocationHistoryEntry[]>())![^1];
        Assert.Equal(("revised", EntrySource.Provider, "Fysio Balans"), (last.Kind, last.Source, last.By));
        Assert.Contains("wachttijd", last.Changed);

        var again = await provider.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Deze link is al gebruikt", await SocialMapSteps.Html(again), StringComparison.Ordinal);
        var twice = await provider.PostFormAsync(form, $"{link}?handler=Save", TheForm(email, 9));
        Assert.Equal(HttpStatusCode.Gone, twice.StatusCode);
        var verifiedTwice = await provider.PostFormAsync(form, $"{link}?handler=Verify", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Gone, verifiedTwice.StatusCode);
        Assert.Equal(5, (await app.LocationAsync(location.Id)).WaitingWeeks);
        Assert.Equal(after.LastVerifiedAt, (await app.LocationAsync(location.Id)).LastVerifiedAt);
    }

    [Fact]
    public async Task everything_still_right_confirms_the_entry_once_even_when_submitted_twice_at_once()
    {
        var (location, email) = await ALocationAsync();
        await SendLinkAsync(location.Id);
        var (link, _) = await app.LinkInMailAsync(email);
        using var provider = new PortalClient(app.Host.Server);
        var form = await SocialMapSteps.Html(await provider.GetAsync(link));
        app.Clock.Offset = TimeSpan.FromDays(3);

        var answers = await Task.WhenAll(
            provider.PostFormAsync(form, $"{link}?handler=Verify", new Dictionary<string, string>()),
            provider.PostFormAsync(form, $"{link}?handler=Verify", new Dictionary<string, string>()));

        var pages = await Task.WhenAll(answers.Select(SocialMapSteps.Html));
        Assert.Single(pages, p => p.Contains("Uw vermelding op de sociale kaart is bevestigd", StringComparison.Ordinal));
        Assert.Single(answers, a => a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Gone);
        var verified = Assert.Single((await app.EventsAsync(location.Id)).OfType<TherapistLocationVerified>());
        Assert.Equal(EntrySource.Provider, verified.By.Source);
        Assert.True((await app.LocationAsync(location.Id)).LastVerifiedAt >= location.LastVerifiedAt.AddDays(3));
    }

    [Fact]
    public async Task a_changed_expired_or_replaced_link_is_refused_and_changes_nothing()
    {
        var (location, email) = await ALocationAsync();
        await SendLinkAsync(location.Id);
        var (link, _) = await app.LinkInMailAsync(email);
        using var provider = new PortalClient(app.Host.Server);
        var form = await SocialMapSteps.Html(await provider.GetAsync(link));

        var token = link.Split('/')[^1];
        var tampered = await provider.GetAsync(link[..^token.Length] + (token[0] == 'A' ? 'B' : 'A') + token[1..]);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("Deze link is ongeldig", await SocialMapSteps.Html(tampered), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await provider.GetAsync(link[..^2] + "xx")).StatusCode);

        // Thirty days and a minute later the link (and the form opened with it) no longer works.
        app.Clock.Offset = TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1);
        var expired = await provider.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("deze link is verlopen; vraag de coördinator om een nieuwe", (await SocialMapSteps.Html(expired)).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await provider.PostFormAsync(form, $"{link}?handler=Save", TheForm(email, 7))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await provider.PostFormAsync(form, $"{link}?handler=Verify", new Dictionary<string, string>())).StatusCode);

        // A new link replaces the one before it, expired or not.
        await SendLinkAsync(location.Id);
        var (newer, _) = await app.LinkInMailAsync(email, 2);
        app.Clock.Offset = TimeSpan.FromDays(31);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync(newer)).StatusCode);
        app.Clock.Offset = TimeSpan.Zero;
        var replaced = await provider.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, replaced.StatusCode);
        Assert.Contains("nieuwere link", await SocialMapSteps.Html(replaced), StringComparison.Ordinal);

        var events = await app.EventsAsync(location.Id);
        Assert.DoesNotContain(events, e => e is TherapistLocationRevised or TherapistLocationVerified);
        Assert.Equal(2, (await app.LocationAsync(location.Id)).WaitingWeeks);
    }

    [Fact]
    public async Task a_location_without_an_email_address_or_retired_gets_no_link()
    {
        var silent = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Stil", null));
        var (closed, _) = await ALocationAsync("Fysio Dicht");
        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator());
            s.Post.Json(new RetireTherapistLocation("Praktijk gesloten")).ToUrl($"/api/socialmap/locations/{closed.Id}/retire");
            s.StatusCodeShouldBeOk();
        });

        await SendLinkAsync(silent.Id, status: 409);
        await SendLinkAsync(closed.Id, status: 409);
        await SendLinkAsync(Guid.CreateVersion7(), status: 404);
        Assert.DoesNotContain(await app.EventsAsync(silent.Id), e => e is ProviderLinkSent);
    }

    [Fact]
    public async Task a_gp_may_not_send_links_remind_providers_or_read_the_stale_list()
    {
        var (location, _) = await ALocationAsync();
        var gp = TestUsers.Gp(Guid.CreateVersion7());

        await SendLinkAsync(location.Id, gp, 403);
        await app.Host.Scenario(s => { s.As(gp); s.Post.Url("/api/socialmap/stale/remind"); s.StatusCodeShouldBe(403); });
        await app.Host.Scenario(s => { s.As(gp); s.Get.Url("/api/socialmap/stale"); s.StatusCodeShouldBe(403); });
        Assert.DoesNotContain(await app.EventsAsync(location.Id), e => e is ProviderLinkSent);
    }
}
