using System.Net;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.Identity;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;
using Schakel.SocialMap.Search;
using Schakel.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>
/// Entries nobody confirmed for six months are flagged in the GP's search, listed for the
/// coordinator, and their providers are asked by e-mail to confirm: once per interval, however
/// often the round runs, and never those without an e-mail address.
/// </summary>
[Collection(SocialMapClockCollection.Name)]
public sealed class RemindingStaleEntries(SocialMapClockApp app) : IAsyncLifetime
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

    private async Task<IReadOnlyList<SearchHit>> SearchAsync()
    {
        var found = await app.Host.Scenario(s => s.As(TestUsers.Gp(Guid.CreateVersion7())).Get.Url("/api/socialmap/search?postcode=5038&pageSize=50"));
        return (await found.ReadAsJsonAsync<SearchResults>())!.Results;
    }

    private async Task<IReadOnlyList<StaleLocation>> StaleListAsync()
    {
        var listed = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Get.Url("/api/socialmap/stale"));
        return (await listed.ReadAsJsonAsync<StaleLocation[]>())!;
    }

    private Task<StaleRemindersSent> RemindAsync() =>
        app.AndWaitAsync(async () =>
        {
            var reminded = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Post.Url("/api/socialmap/stale/remind"));
            return (await reminded.ReadAsJsonAsync<StaleRemindersSent>())!;
        });

    /// <summary>The hourly round, as each host's timer starts it: a message through the durable queue.</summary>
    private Task RoundAsync() =>
        app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(c => c.PublishAsync(new RemindStaleLocations()).AsTask()));

    private async Task<int> LinksSentAsync(Guid id) => (await app.EventsAsync(id)).OfType<ProviderLinkSent>().Count();

    [Fact]
    public async Task an_entry_verified_on_31_august_is_stale_on_28_february_in_search_on_the_list_and_in_the_coverage()
    {
        app.Clock.Offset = new DateTimeOffset(2026, 8, 31, 12, 0, 0, TimeSpan.Zero) - TimeProvider.System.GetUtcNow();
        await app.ListAsync(SocialMapSteps.AnEntry("Fysio Eind Augustus", null));

        async Task<(bool Flagged, int Listed, int Counted)> SeenAtAsync(DateTimeOffset moment)
        {
            app.Clock.Offset = moment - TimeProvider.System.GetUtcNow();
            var coverage = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Get.Url("/api/socialmap/coverage"));
            var tilburg = (await coverage.ReadAsJsonAsync<Schakel.SocialMap.Coverage.MunicipalityCoverage[]>())!.Single();
            return ((await SearchAsync()).Single().Stale, (await StaleListAsync()).Count, tilburg.Stale);
        }

        Assert.Equal((false, 0, 0), await SeenAtAsync(new DateTimeOffset(2027, 2, 28, 11, 0, 0, TimeSpan.Zero)));
        Assert.Equal((true, 1, 1), await SeenAtAsync(new DateTimeOffset(2027, 2, 28, 13, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task six_months_and_a_day_later_an_entry_is_flagged_in_search_and_on_the_coordinators_list()
    {
        var old = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Oud", SocialMapSteps.AnAddress("oud")));
        var silent = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Zonder Mail", null));
        Assert.All(await SearchAsync(), hit => Assert.False(hit.Stale));
        Assert.Empty(await StaleListAsync());

        app.Clock.Offset = SocialMapClockApp.SixMonthsAndADay;
        var fresh = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Nieuw", SocialMapSteps.AnAddress("nieuw")));

        var hits = (await SearchAsync()).ToDictionary(h => h.Id);
        Assert.True(hits[old.Id].Stale);
        Assert.True(hits[silent.Id].Stale);
        Assert.False(hits[fresh.Id].Stale);
        Assert.True((await app.LocationAsync(old.Id)).Stale);
        var stale = await StaleListAsync();
        Assert.Equal([old.Id, silent.Id], stale.Select(s => s.Id).Order());
        Assert.All(stale, s => Assert.Null(s.LastLinkSentAt));

        // The coordinator called the practice: confirmed, it is fresh again.
        await app.Host.Scenario(s => { s.As(TestUsers.Coordinator()); s.Post.Url($"/api/socialmap/locations/{silent.Id}/verify"); s.StatusCodeShouldBeOk(); });
        Assert.Equal([old.Id], (await StaleListAsync()).Select(s => s.Id));
        Assert.False((await SearchAsync()).Single(h => h.Id == silent.Id).Stale);
    }

    [Fact]
    public async Task each_stale_location_with_an_email_address_is_reminded_once_per_interval()
    {
        var (first, second, fresh) = (SocialMapSteps.AnAddress("eerste"), SocialMapSteps.AnAddress("tweede"), SocialMapSteps.AnAddress("vers"));
        var a = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Eerste", first));
        var b = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Tweede", second));
        var silent = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Zonder Mail", null));
        Assert.Equal(new StaleRemindersSent(0, false), await RemindAsync());

        app.Clock.Offset = SocialMapClockApp.SixMonthsAndADay;
        var c = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Vers", fresh));

        Assert.Equal(new StaleRemindersSent(2, false), await RemindAsync());
        var (link, mail) = await app.LinkInMailAsync(first);
        Assert.Equal("Sociale kaart valpreventie: klopt uw vermelding nog?", mail.Subject);
        Assert.Contains("Beste collega van Fysio Eerste", mail.TextBody, StringComparison.Ordinal);
        await app.LinkInMailAsync(second);

        // Within the interval neither the coordinator's button nor the hourly round asks again.
        Assert.Equal(new StaleRemindersSent(0, false), await RemindAsync());
        await RoundAsync();
        app.Clock.Offset = SocialMapClockApp.SixMonthsAndADay + TimeSpan.FromDays(13);
        await RoundAsync();
        Assert.Equal((1, 1, 0, 0), (await LinksSentAsync(a.Id), await LinksSentAsync(b.Id), await LinksSentAsync(silent.Id), await LinksSentAsync(c.Id)));

        var stale = (await StaleListAsync()).ToDictionary(s => s.Id);
        Assert.Equal([a.Id, b.Id, silent.Id], stale.Keys.Order());
        Assert.NotNull(stale[a.Id].LastLinkSentAt);
        Assert.Null(stale[silent.Id].LastLinkSentAt);

        // The first provider answers; the second does not and is asked again after 14 days.
        using var provider = new PortalClient(app.Host.Server);
        var form = await SocialMapSteps.Html(await provider.GetAsync(link));
        Assert.Equal(HttpStatusCode.OK, (await provider.PostFormAsync(form, $"{link}?handler=Verify", new Dictionary<string, string>())).StatusCode);
        app.Clock.Offset = SocialMapClockApp.SixMonthsAndADay + TimeSpan.FromDays(14);
        await RoundAsync();

        await app.LinkInMailAsync(second, 2);
        Assert.Equal((1, 2, 0, 0), (await LinksSentAsync(a.Id), await LinksSentAsync(b.Id), await LinksSentAsync(silent.Id), await LinksSentAsync(c.Id)));
        Assert.Equal((1, 2, 0), (app.MailTo(first).Count, app.MailTo(second).Count, app.MailTo(fresh).Count));
        Assert.Equal([b.Id, silent.Id], (await StaleListAsync()).Select(s => s.Id).Order());
    }

    [Fact]
    public async Task the_coordinator_works_the_stale_list_in_the_portal()
    {
        var email = SocialMapSteps.AnAddress("lijst");
        var reachable = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Bereikbaar", email));
        var silent = await app.ListAsync(SocialMapSteps.AnEntry("Fysio Zonder Mail", null));
        app.Clock.Offset = SocialMapClockApp.SixMonthsAndADay;
        var given = new Given(app);
        var coordinator = await given.AnAccountAsync(SchakelRoles.Coordinator, await given.ARegionAsync());
        using var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, given, coordinator, app.Clock.Offset);
        const string page = "/sociale-kaart/verouderd";

        var list = await SocialMapSteps.Html(await browser.GetAsync(page));
        Assert.Contains("Fysio Bereikbaar", list, StringComparison.Ordinal);
        Assert.Contains("Geen e-mailadres", list, StringComparison.Ordinal);
        Assert.Contains("nog niet", list, StringComparison.Ordinal);

        var reminded = await app.AndWaitAsync(() => browser.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=Remind&id={reachable.Id}"));
        Assert.Equal(HttpStatusCode.Redirect, reminded.StatusCode);
        Assert.Contains($"Herinnering gestuurd naar {email}", await SocialMapSteps.Html(await browser.GetAsync(page)), StringComparison.Ordinal);
        Assert.Equal("Sociale kaart valpreventie: klopt uw vermelding nog?", (await app.LinkInMailAsync(email)).Mail.Subject);

        await app.AndWaitAsync(() => browser.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=RemindAll"));
        Assert.Contains("Er waren geen aanbieders om te herinneren", await SocialMapSteps.Html(await browser.GetAsync(page)), StringComparison.Ordinal);
        Assert.Single(app.MailTo(email));

        await browser.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=Verify&id={silent.Id}");
        Assert.Contains("Fysio Zonder Mail is als gecontroleerd vastgelegd", await SocialMapSteps.Html(await browser.GetAsync(page)), StringComparison.Ordinal);
        Assert.Equal([reachable.Id], (await StaleListAsync()).Select(s => s.Id));
        var verified = (await app.EventsAsync(silent.Id)).OfType<TherapistLocationVerified>().Single();
        Assert.Equal(EntrySource.Coordinator, verified.By.Source);
    }
}
