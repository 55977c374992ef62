using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Schakel.BuildingBlocks.Access;
using Schakel.Indicators.Figures;
using Schakel.Indicators.Records;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Indicators;

/// <summary>
/// Every indicator's exact value for the known April 2027 history (<see cref="IndicatorsHistory"/>),
/// for the coordinator (region, suppression below 5 patients) and for a practice (its own figures in
/// full, with the regional median); and the same figures after a rebuild from the event store.
/// </summary>
[Collection(IndicatorsClockCollection.Name)]
public sealed class ComputingTheIndicators(IndicatorsClockApp app) : IAsyncLifetime
{
    private IndicatorsHistory _history = null!;

    public async Task InitializeAsync()
    {
        await app.ResetDataAsync();
        _history = new IndicatorsHistory(app);
        await _history.BuildAsync();
    }

    public Task DisposeAsync()
    {
        app.Clock.Offset = TimeSpan.Zero;
        return Task.CompletedTask;
    }

    private async Task<IndicatorReport> ReportAsync(CareUser who, string query)
    {
        var result = await app.Host.Scenario(s => s.As(who).Get.Url("/api/indicators?" + query));
        return (await result.ReadAsJsonAsync<IndicatorReport>())!;
    }

    private static FigureView Figure(IndicatorReport report, string key) => report.Figures.Single(f => f.Key == key);

    private static void Shows(IndicatorReport report, string key, decimal? value, int? numerator = null, int? denominator = null)
    {
        var figure = Figure(report, key);
        Assert.False(figure.Suppressed, $"{key} is suppressed ({figure.Patients} patients)");
        Assert.True(value == figure.Value, $"{key}: expected {value}, got {figure.Value}");
        if (numerator is not null)
        {
            Assert.Equal((numerator, denominator), (figure.Numerator, figure.Denominator));
        }
    }

    private static void Suppressed(IndicatorReport report, string key)
    {
        var figure = Figure(report, key);
        Assert.True(figure.Suppressed, $"{key} should be suppressed");
        Assert.Null(figure.Value);
        Assert.Null(figure.Numerator);
        Assert.Empty(figure.Parts);
    }

    private static IReadOnlyDictionary<string, decimal> Parts(IndicatorReport report, string key) =>
        Figure(report, key).Parts.ToDictionary(p => p.Label, p => p.Value);

    [Fact]
    public async Task the_coordinator_sees_the_regions_figures_for_april_with_small_numbers_suppressed()
    {
        var region = await ReportAsync(TestUsers.Coordinator(), "period=2027-04");

        Assert.Equal(IndicatorCatalogue.All.Count, region.Figures.Count);
        Shows(region, "consultation.practices", 3);
        Shows(region, "consultation.askers", 4);
        Shows(region, "consultation.posted", 12);
        Shows(region, "consultation.answered", 10);
        Suppressed(region, "consultation.withdrawn"); // one patient
        // 1, 2, 2, 5, 6, 6, 12, 17, 19, 73 working hours (King's Day, the weekend and the pause not counted).
        Shows(region, "consultation.response-median", 6.0m);
        Shows(region, "consultation.response-p90", 19.0m);
        Shows(region, "consultation.within-promise", 90.0m, 9, 10);
        Suppressed(region, "consultation.late");
        Shows(region, "consultation.outcomes", 10);
        Assert.Equal(
            new Dictionary<string, decimal> { ["Alleen advies"] = 7, ["Aanvullende diagnostiek geadviseerd"] = 1, ["Verwijzing geadviseerd"] = 1, ["Geen actie nodig"] = 1 },
            Parts(region, "consultation.outcomes"));
        Shows(region, "consultation.referral-avoided", 60.0m, 3, 5);
        Shows(region, "consultation.usefulness", 3.8m); // 5, 3, 4, 2, 4, 5
        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 0, ["2"] = 1, ["3"] = 1, ["4"] = 2, ["5"] = 2 }, Parts(region, "consultation.usefulness"));

        Shows(region, "referral.made", 6);
        Assert.Equal(3, Parts(region, "referral.made")["3. Case finding"]);
        Assert.Equal(2, Parts(region, "referral.made")["2. Bekend met osteoporose"]);
        Assert.Equal(1, Parts(region, "referral.made")["5. Prednisongebruik"]);
        Shows(region, "referral.accepted", 5);
        Suppressed(region, "referral.declined");
        Shows(region, "referral.safety-net", 5);
        Shows(region, "referral.safety-net-followed-up", 60.0m, 3, 5);
        Shows(region, "referral.back-referred", 0); // no patient at all: nothing to hide

        Shows(region, "follow-up.started", 7);
        Shows(region, "follow-up.in-programme", 7);
        Shows(region, "follow-up.checks", 5);
        Assert.Equal(
            new Dictionary<string, decimal> { ["Op tijd"] = 3, ["Te laat"] = 1, ["Gemist"] = 0, ["Nog open"] = 1 },
            Parts(region, "follow-up.checks"));
        Suppressed(region, "follow-up.checks-on-time"); // four settled checks
        Shows(region, "follow-up.on-medication-1-year", 60.0m, 3, 5);
        Suppressed(region, "follow-up.on-medication-5-years"); // one evaluation at 60 months
        Suppressed(region, "follow-up.bisphosphonate-no-dexa");

        Shows(region, "falls-prevention.referred", 5);
        Shows(region, "falls-prevention.intake-confirmed", 40.0m, 2, 5);

        Shows(region, "social-map.entries", 3);
        Assert.Equal(
            new Dictionary<string, decimal> { ["Breda · Fysiotherapie"] = 1, ["Tilburg · Ergotherapie"] = 1, ["Tilburg · Fysiotherapie"] = 1, ["Tilburg · Oefentherapie"] = 1 },
            Parts(region, "social-map.entries"));
        Shows(region, "social-map.fresh", 66.7m, 2, 3);
    }

    [Fact]
    public async Task a_practice_sees_its_own_small_figures_and_the_regional_median_but_not_another_practice()
    {
        var own = await ReportAsync(_history.GpA, "period=2027-04");

        Assert.True(own.OwnPractice);
        Assert.Equal(_history.PracticeA, own.Scope.PracticeId);
        Shows(own, "consultation.posted", 5);
        Shows(own, "consultation.askers", 2);
        Shows(own, "consultation.response-median", 17.0m); // 6, 6, 17, 19, 73
        Shows(own, "consultation.response-p90", 73.0m);
        Shows(own, "consultation.within-promise", 80.0m, 4, 5);
        Shows(own, "consultation.late", 1); // one patient, but her own
        Shows(own, "follow-up.checks-on-time", 75.0m, 3, 4);
        Shows(own, "follow-up.bisphosphonate-no-dexa", 1);
        // Practices A and B asked five questions each; C's two are too few to count in the median.
        Assert.Equal(5.0m, Figure(own, "consultation.posted").RegionalMedian);
        // Only A answered five; B's four answers are too few.
        Assert.Equal(17.0m, Figure(own, "consultation.response-median").RegionalMedian);

        await app.Host.Scenario(s =>
        {
            s.As(_history.GpA).Get.Url($"/api/indicators?period=2027-04&practice={_history.PracticeB}");
            s.StatusCodeShouldBe(403);
        });

        var practiceC = await ReportAsync(TestUsers.Coordinator(), $"period=2027-04&practice={_history.PracticeC}");
        Assert.False(practiceC.OwnPractice);
        Suppressed(practiceC, "consultation.posted");
        Suppressed(practiceC, "consultation.response-median");
        var ownC = await ReportAsync(_history.GpC, "period=2027-04");
        Shows(ownC, "consultation.posted", 2);
        Shows(ownC, "consultation.response-median", 2.0m);
    }

    [Fact]
    public async Task the_quarter_holds_april_and_the_series_shows_each_month()
    {
        var quarter = await ReportAsync(TestUsers.Coordinator(), "period=2027-Q2");
        Shows(quarter, "consultation.posted", 12);
        Shows(quarter, "consultation.response-median", 6.0m);

        var april = await ReportAsync(TestUsers.Coordinator(), "period=2027-04");
        var series = Figure(april, "consultation.posted").Series;
        Assert.Equal(12, series.Count);
        Assert.Equal("2027-04", series[^1].Period);
        Assert.Equal(12m, series[^1].Value);
        Assert.Equal(("2027-03", 0m, false), (series[^2].Period, series[^2].Value, series[^2].Suppressed)); // an empty month tells nothing about anyone

        foreach (var (query, field) in new[]
                 {
                     ("period=april", "period"), ("period=2027-13", "period"), ("hospital=abc", "hospital"), ("practice=1", "practice"),
                     ("specialty=Rheumatology", "specialty"), ($"hospital={_history.Hospital}&specialty=2", "specialty"), ("scope=everything", "scope"),
                 })
        {
            var refused = await app.Host.Scenario(s =>
            {
                s.As(TestUsers.Coordinator()).Get.Url("/api/indicators?" + query);
                s.StatusCodeShouldBe(400);
                s.ContentTypeShouldBe("application/problem+json");
            });
            Assert.True(JsonDocument.Parse(await refused.ReadAsTextAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    [Fact]
    public async Task the_rows_behind_a_figure_carry_no_patient_data_and_link_only_to_the_practices_own_records()
    {
        var rows = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Get.Url("/api/indicators/consultation.within-promise/rows?period=2027-04"));
        var drill = (await rows.ReadAsJsonAsync<DrillDown>())!;
        Assert.Equal(10, drill.Rows.Count);
        Assert.Equal("Praktijk", drill.Columns[0]);
        Assert.All(drill.Rows, r => Assert.Null(r.Link));
        Assert.Equal(9, drill.Rows.Count(r => r.Cells[^1] == "ja"));
        var text = await rows.ReadAsTextAsync();
        Assert.DoesNotContain("P-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1950", text, StringComparison.Ordinal);

        var own = await app.Host.Scenario(s => s.As(_history.GpA).Get.Url("/api/indicators/consultation.posted/rows?period=2027-04"));
        var ownRows = (await own.ReadAsJsonAsync<DrillDown>())!;
        Assert.Equal(5, ownRows.Rows.Count);
        Assert.All(ownRows.Rows, r => Assert.StartsWith("/consultaties/", r.Link, StringComparison.Ordinal));

        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator()).Get.Url("/api/indicators/consultation.late/rows?period=2027-04");
            s.StatusCodeShouldBe(403);
        });
        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator()).Get.Url("/api/indicators/no.such.figure/rows?period=2027-04");
            s.StatusCodeShouldBe(404);
        });

        var csv = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Get.Url("/api/indicators/consultation.within-promise/rows/csv?period=2027-04"));
        var lines = (await csv.ReadAsTextAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.StartsWith("Praktijk,Vraag,Gesteld", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_rebuild_from_the_event_store_gives_the_same_figures()
    {
        var regionBefore = await JsonAsync(TestUsers.Coordinator(), "period=2027-Q2");
        var practiceBefore = await JsonAsync(_history.GpA, "period=2027-04");

        await using (var session = app.Store.LightweightSession())
        {
            session.DeleteWhere<ConsultationRecord>(_ => true);
            session.DeleteWhere<HospitalReferralRecord>(_ => true);
            session.DeleteWhere<FollowUpRecord>(_ => true);
            session.DeleteWhere<FallsPreventionRecord>(_ => true);
            session.DeleteWhere<DirectoryEntryRecord>(_ => true);
            await session.SaveChangesAsync();
        }

        Assert.NotEqual(regionBefore, await JsonAsync(TestUsers.Coordinator(), "period=2027-Q2"));

        var rebuilt = await RebuildingTheRecords.RunAsync(app.Store, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(12 + 6 + 7 + 5 + 4, rebuilt.Records);
        Assert.Equal(regionBefore, await JsonAsync(TestUsers.Coordinator(), "period=2027-Q2"));
        Assert.Equal(practiceBefore, await JsonAsync(_history.GpA, "period=2027-04"));
    }

    private async Task<string> JsonAsync(CareUser who, string query)
    {
        var result = await app.Host.Scenario(s => s.As(who).Get.Url("/api/indicators?" + query));
        return JsonSerializer.Serialize(JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement);
    }
}
