using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Contracts;
using Schakel.Testing;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Indicators;

/// <summary>
/// The dashboard and drill-down pages over a known October: practice De Linde asked six questions
/// about six patients, practice Het Anker two. The coordinator sees every theme; a practice sees
/// its own figures next to the region's median; figures from fewer than five patients stay hidden
/// outside their practice, on the dashboard and behind it.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class TheIndicatorPages(IntegrationApp app) : IAsyncLifetime
{
    private const string October = "2026-10";
    private readonly Given _given = new(app);
    private Guid _linde;
    private Guid _anker;
    private Guid _hospital;

    public async Task InitializeAsync()
    {
        await app.ResetDataAsync();
        _linde = await _given.APracticeAsync("Huisartsenpraktijk De Linde");
        _anker = await _given.APracticeAsync("Huisartsenpraktijk Het Anker");
        _hospital = await _given.AHospitalAsync();
        var steps = new List<ConsultationStepTakenIntegrationEvent>();
        for (var i = 0; i < 6; i++)
        {
            steps.AddRange(AnsweredQuestion(_linde, $"L-{i}", new DateTimeOffset(2026, 10, 5 + i, 10, 0, 0, TimeSpan.Zero), hours: 10 + i, i < 4 ? "AdviceOnly" : "ReferralAdvised"));
        }

        for (var i = 0; i < 2; i++)
        {
            steps.AddRange(AnsweredQuestion(_anker, $"A-{i}", new DateTimeOffset(2026, 10, 12 + i, 10, 0, 0, TimeSpan.Zero), hours: 30, "AdviceOnly"));
        }

        // Each question's steps in the order the consultation line publishes them: all postings, then all answers.
        await HeardAsync(steps.Where(s => s.Change == QuestionChange.Posted));
        await HeardAsync(steps.Where(s => s.Change == QuestionChange.Answered));
    }

    private Task HeardAsync(IEnumerable<ConsultationStepTakenIntegrationEvent> steps) =>
        app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async bus =>
        {
            foreach (var step in steps)
            {
                await bus.PublishAsync(step);
            }
        }));

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Posted, then answered a day later (within its three-day promise), as the consultation line publishes it.</summary>
    private IEnumerable<ConsultationStepTakenIntegrationEvent> AnsweredQuestion(Guid practice, string patient, DateTimeOffset posted, double hours, string outcome)
    {
        var question = Guid.CreateVersion7();
        var posting = new ConsultationStepTakenIntegrationEvent(
            question, practice, patient, QuestionChange.Posted, "Testziekenhuis", Specialty.Rheumatology, null, posted,
            HospitalId: _hospital, PostedById: Guid.CreateVersion7(), Urgent: false, DueAt: posted.AddDays(3), WouldReferWithout: "NotSure");
        yield return posting;
        yield return posting with { Change = QuestionChange.Answered, Outcome = outcome, At = posted.AddDays(1), WorkingHoursToAnswer = hours };
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(CareUser who, string url)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(who);
            s.Get.Url(url);
            s.IgnoreStatusCode();
        });
        return ((HttpStatusCode)result.Context.Response.StatusCode, WebUtility.HtmlDecode(await result.ReadAsTextAsync()));
    }

    /// <summary>The card of one figure on the page.</summary>
    private static string Card(string html, string key)
    {
        var match = Regex.Match(html, $"<article class=\"figure\"[^>]*data-key=\"{Regex.Escape(key)}\"[\\s\\S]*?</article>");
        Assert.True(match.Success, $"No figure {key} on the page.");
        return match.Value;
    }

    private static string ValueOf(string card) => FigureValue().Match(card).Groups[1].Value;

    [Fact]
    public async Task the_coordinator_sees_every_theme_with_its_figures_definitions_and_charts()
    {
        var (status, html) = await GetAsync(TestUsers.Coordinator(), $"/indicatoren?period={October}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Cijfers over okt 2026 voor de regio", html, StringComparison.Ordinal);
        Assert.Equal(["Consultatie", "Verwijzing", "Opvolging", "Valpreventie", "Sociale kaart"], ThemeHeading().Matches(html).Select(m => m.Groups[1].Value));
        var posted = Card(html, "consultation.posted");
        Assert.Contains("<h3 id=\"figure-consultation.posted\" class=\"figure-name\">Gestelde vragen</h3>", posted, StringComparison.Ordinal);
        Assert.Equal("8", ValueOf(posted));
        Assert.Equal("100,0 %", ValueOf(Card(html, "consultation.within-promise")));
        Assert.Contains("8 van 8", Card(html, "consultation.within-promise"), StringComparison.Ordinal);
        Assert.Equal("30,0 werkuren", ValueOf(Card(html, "consultation.response-p90")));
        // The definition as a tooltip and, without script, as a details element.
        Assert.Contains("title=\"Teller: Aantal consultatievragen gesteld in de periode (moment van stellen). Uitsluitingen: Geen.\"", posted, StringComparison.Ordinal);
        Assert.Contains("<dt>Teller</dt><dd>Aantal consultatievragen gesteld in de periode (moment van stellen).</dd>", posted, StringComparison.Ordinal);
        // A line chart of the last twelve months, and the outcomes as bars.
        Assert.Contains("<svg", posted, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Gestelde vragen, per maand: nov 2025 0,", posted, StringComparison.Ordinal);
        Assert.Contains("okt 2026 8.\"", posted, StringComparison.Ordinal);
        Assert.Contains("Uitkomst van het antwoord, verdeling: Alleen advies 6, Aanvullende diagnostiek geadviseerd 0, Verwijzing geadviseerd 2, Geen actie nodig 0.", Card(html, "consultation.outcomes"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/indicatoren/consultation.posted?period={October}\"", posted, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/indicators/consultation.posted/rows/csv?period={October}\"", posted, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/indicators/csv?period={October}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        // The coordinator may choose any practice.
        Assert.Contains($"<option value=\"{_anker}\">Huisartsenpraktijk Het Anker</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_gp_sees_her_own_practice_next_to_the_regional_median_and_never_another_practice()
    {
        var gp = TestUsers.Gp(_anker, practiceName: "Huisartsenpraktijk Het Anker");

        var (status, html) = await GetAsync(gp, $"/indicatoren?period={October}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Cijfers over okt 2026 voor Huisartsenpraktijk Het Anker", html, StringComparison.Ordinal);
        var posted = Card(html, "consultation.posted");
        Assert.Equal("2", ValueOf(posted)); // her own practice: shown, though fewer than five patients
        Assert.Contains("regio: 6", posted, StringComparison.Ordinal); // the median of practices with five patients or more: De Linde's
        Assert.Contains("<option value=\"\">Eigen praktijk (Huisartsenpraktijk Het Anker)</option>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"practice\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Huisartsenpraktijk De Linde", html, StringComparison.Ordinal);

        var (regionStatus, region) = await GetAsync(gp, $"/indicatoren?period={October}&scope=region");
        Assert.Equal(HttpStatusCode.OK, regionStatus);
        Assert.Contains("Cijfers over okt 2026 voor de regio", region, StringComparison.Ordinal);
        Assert.Equal("8", ValueOf(Card(region, "consultation.posted")));
        Assert.Contains($"href=\"/indicatoren/consultation.posted?period={October}&scope=region\"", WebUtility.HtmlDecode(region), StringComparison.Ordinal);

        var (refused, other) = await GetAsync(gp, $"/indicatoren?period={October}&practice={_linde}");
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Contains("U ziet alleen de cijfers van uw eigen praktijk en die van de regio.", other, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"figure\"", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_english_reader_gets_the_same_figures_in_english()
    {
        var (status, html) = await GetAsync(TestUsers.Coordinator(), $"/indicatoren?period={October}&culture=en&ui-culture=en");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Figures for Oct 2026, the region", html, StringComparison.Ordinal);
        Assert.Equal(["Consultation", "Referral", "Follow-up", "Falls prevention", "Social map"], ThemeHeading().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Equal("100.0%", ValueOf(Card(html, "consultation.within-promise")));
        Assert.Equal("30.0 working hours", ValueOf(Card(html, "consultation.response-p90")));
        Assert.Contains("8 of 8", Card(html, "consultation.within-promise"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_hospital_sees_the_region_and_its_pool_but_no_practice()
    {
        var internist = TestUsers.Rheumatologist(_hospital);

        var (status, html) = await GetAsync(internist, $"/indicatoren?period={October}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Cijfers over okt 2026 voor de regio", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"practice\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"scope\"", html, StringComparison.Ordinal);

        var (poolStatus, pool) = await GetAsync(internist, $"/indicatoren?period={October}&hospital={_hospital}&specialty=Rheumatology");
        Assert.Equal(HttpStatusCode.OK, poolStatus);
        Assert.Contains("Cijfers over okt 2026 voor Testziekenhuis · Reumatologie", pool, StringComparison.Ordinal);
        Assert.Equal("8", ValueOf(Card(pool, "consultation.posted")));

        var (refused, _) = await GetAsync(internist, $"/indicatoren?period={October}&practice={_linde}");
        Assert.Equal(HttpStatusCode.Forbidden, refused);
    }

    [Fact]
    public async Task the_drill_down_lists_the_records_behind_a_figure_and_links_only_the_own_practices()
    {
        var (status, html) = await GetAsync(TestUsers.Coordinator(), $"/indicatoren/consultation.posted?period={October}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Gestelde vragen</h1>", html, StringComparison.Ordinal);
        Assert.Contains("8 regels", html, StringComparison.Ordinal);
        Assert.Equal(8, Regex.Count(Table(html), "<tr>") - 1);
        Assert.Contains("<th scope=\"col\">Praktijk</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Huisartsenpraktijk De Linde</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/consultaties/", Table(html), StringComparison.Ordinal); // the coordinator opens no practice's records
        Assert.Contains($"href=\"/api/indicators/consultation.posted/rows/csv?period={October}\"", html, StringComparison.Ordinal);

        var (own, mine) = await GetAsync(TestUsers.Gp(_anker, practiceName: "Huisartsenpraktijk Het Anker"), $"/indicatoren/consultation.posted?period={October}");
        Assert.Equal(HttpStatusCode.OK, own);
        Assert.Equal(2, Regex.Count(Table(mine), "href=\"/consultaties/"));
    }

    [Fact]
    public async Task a_figure_from_too_few_patients_is_hidden_outside_its_practice_with_a_dutch_message()
    {
        var coordinator = TestUsers.Coordinator();

        var (status, html) = await GetAsync(coordinator, $"/indicatoren?period={October}&practice={_anker}");
        Assert.Equal(HttpStatusCode.OK, status);
        var posted = Card(html, "consultation.posted");
        Assert.Equal("< 5 patiënten", ValueOf(posted));
        Assert.DoesNotContain("/rows/csv", posted, StringComparison.Ordinal);

        var (drillStatus, drill) = await GetAsync(coordinator, $"/indicatoren/consultation.posted?period={October}&practice={_anker}");
        Assert.Equal(HttpStatusCode.Forbidden, drillStatus);
        Assert.Contains("Dit cijfer komt van minder dan 5 patiënten. Buiten de eigen praktijk tonen we het niet", drill, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"indicator-rows\"", drill, StringComparison.Ordinal);
        Assert.DoesNotContain("A-0", drill, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_figure_is_not_found_with_a_dutch_message()
    {
        var (status, html) = await GetAsync(TestUsers.Coordinator(), "/indicatoren/consultation.bestaat-niet");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Dit cijfer bestaat niet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_period_that_is_not_one_is_refused_in_dutch()
    {
        var (status, html) = await GetAsync(TestUsers.Coordinator(), "/indicatoren?period=oktober");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Schakel.Indicators.Figures.IndicatorQuery.BadPeriod), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task changing_the_period_kind_keeps_the_time_and_the_scope()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator());
            s.Get.Url($"/indicatoren?kind=quarter&period={October}&hospital={_hospital}&specialty=Rheumatology");
            s.StatusCodeShouldBe(302);
        });

        Assert.Equal($"/indicatoren?period=2026-Q4&hospital={_hospital}&specialty=Rheumatology", result.Context.Response.Headers.Location.ToString());
        var (status, html) = await GetAsync(TestUsers.Coordinator(), result.Context.Response.Headers.Location.ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Cijfers over K4 2026 voor Testziekenhuis · Reumatologie", html, StringComparison.Ordinal);
        Assert.Equal("8", ValueOf(Card(html, "consultation.posted")));
        Assert.Contains("<option value=\"2026-Q4\" selected=\"selected\">K4 2026</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_sent_form_lands_on_the_address_without_its_empty_fields()
    {
        var gp = TestUsers.Gp(_anker, practiceName: "Huisartsenpraktijk Het Anker");

        var result = await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Get.Url($"/indicatoren?kind=month&period={October}&hospital=&specialty=&scope=region");
            s.StatusCodeShouldBe(302);
        });

        Assert.Equal($"/indicatoren?period={October}&scope=region", result.Context.Response.Headers.Location.ToString());
    }

    private static string Table(string html)
    {
        var table = Regex.Match(html, "<table[\\s\\S]*?</table>");
        Assert.True(table.Success, "No table of rows on the page.");
        return table.Value;
    }

    [GeneratedRegex("data-testid=\"figure-value\">(.*?)</p>")]
    private static partial Regex FigureValue();

    [GeneratedRegex("<h2 id=\"theme-[A-Za-z]+\">([^<]*)</h2>")]
    private static partial Regex ThemeHeading();
}
