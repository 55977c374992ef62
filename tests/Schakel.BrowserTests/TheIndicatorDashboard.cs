using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Contracts;
using Schakel.Consultation.Pools;
using Schakel.Indicators.Figures;
using Schakel.Testing;
using Wolverine;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

/// <summary>
/// The coordinator reads the programme's dashboard: five questions asked and answered this month
/// through the API, six asked in the previous quarter (as the consultation line published them
/// then). She switches from month to quarter and to the previous quarter, sees the figure follow,
/// opens the records behind it and downloads them as CSV.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TheIndicatorDashboard(PortalServer portal) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => portal.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public Task the_coordinator_switches_to_quarters_follows_a_figure_to_its_records_and_downloads_them() => portal.VisitAsync(async page =>
    {
        var now = DateTimeOffset.UtcNow;
        var month = Period.Containing(PeriodKind.Month, now);
        var quarter = Period.Containing(PeriodKind.Quarter, now);
        var previousQuarter = quarter.Previous();
        var given = portal.Given;
        var coordinator = await given.AnAccountAsync(SchakelRoles.Coordinator, await given.ARegionAsync(), name: "R. Coördinator");
        await FiveAnsweredQuestionsThisMonthAsync();
        await SixQuestionsAskedInAsync(previousQuarter);
        await WaitForFigureAsync(month, "consultation.answered", 5);
        await WaitForFigureAsync(previousQuarter, "consultation.posted", 6);
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };

        await page.SignInAsync(given, coordinator);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Indicatoren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Indicatoren");
        await Expect(page.GetByTestId("indicator-scope")).ToHaveTextAsync($"Cijfers over {month.Label(Dutch)} voor de regio");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(["Consultatie", "Verwijzing", "Opvolging", "Valpreventie", "Sociale kaart"]);
        var posted = Figure(page, "consultation.posted");
        await Expect(posted.GetByTestId("figure-value")).ToHaveTextAsync("5");
        await Expect(Figure(page, "consultation.within-promise").GetByTestId("figure-value")).ToHaveTextAsync("100,0 %");
        await Expect(posted.Locator("svg[role=img]")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Gestelde vragen, per maand: .*" + month.Label(Dutch) + " 5\\.$"));
        await Expect(Figure(page, "consultation.outcomes").Locator("svg.chart-bars")).ToBeVisibleAsync();

        // The definition opens without script.
        await posted.GetByText("Definitie").ClickAsync();
        await Expect(posted.Locator("details dd").First).ToHaveTextAsync("Aantal consultatievragen gesteld in de periode (moment van stellen).");

        // Quarter: this quarter holds only this month's questions; the previous quarter the six earlier ones.
        await page.GetByLabel("Soort periode").SelectOptionAsync("quarter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tonen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{portal.BaseUrl}/indicatoren?period={quarter.Code}");
        await Expect(page.GetByTestId("indicator-scope")).ToHaveTextAsync($"Cijfers over {quarter.Label(Dutch)} voor de regio");
        await Expect(page.GetByLabel("Periode", new() { Exact = true })).ToHaveValueAsync(quarter.Code);
        await Expect(posted.GetByTestId("figure-value")).ToHaveTextAsync("5");
        await Expect(posted.Locator("svg[role=img]")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Gestelde vragen, per kwartaal: "));

        await page.GetByLabel("Periode", new() { Exact = true }).SelectOptionAsync(previousQuarter.Code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tonen" }).ClickAsync();
        await Expect(page.GetByTestId("indicator-scope")).ToHaveTextAsync($"Cijfers over {previousQuarter.Label(Dutch)} voor de regio");
        await Expect(posted.GetByTestId("figure-value")).ToHaveTextAsync("6");
        await Expect(Figure(page, "consultation.answered").GetByTestId("figure-value")).ToHaveTextAsync("0"); // none answered: a figure from no patient is shown

        // The records behind the figure, and the same as CSV.
        await posted.GetByRole(AriaRole.Link, new() { Name = "onderliggende gegevens", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gestelde vragen");
        await Expect(page.GetByTestId("rows-count")).ToHaveTextAsync("6 regels");
        await Expect(page.GetByTestId("indicator-rows").Locator("tbody tr")).ToHaveCountAsync(6);
        var waiting = page.WaitForDownloadAsync();
        await page.GetByTestId("rows-csv").ClickAsync();
        var download = await waiting;

        Assert.Equal($"consultation.posted-{previousQuarter.Code}.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Praktijk,Vraag,Gesteld,Ziekenhuis,Poule,Eerste antwoord,Werkuren tot antwoord,Binnen belofte,Uitkomst,Ingetrokken,Afgesloten", lines[0]);
        Assert.Equal(6, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Contains(",Reumatologie,", line, StringComparison.Ordinal));
        Assert.Empty(blocked);
    });

    private static readonly System.Globalization.CultureInfo Dutch = new("nl-NL");

    private static ILocator Figure(IPage page, string key) => page.Locator($"[data-testid=figure][data-key='{key}']");

    /// <summary>A GP asks five questions about five patients through the API; the rheumatologist claims and answers each.</summary>
    private async Task FiveAnsweredQuestionsThisMonthAsync()
    {
        var given = portal.Given;
        var practice = await given.APracticeAsync("Huisartsenpraktijk De Linde");
        var hospital = await given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(portal.Services.GetRequiredService<IDocumentStore>(), hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
        var gp = await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice, name: "Dr. A. de Vries");
        var rheumatologist = await given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology, name: "Dr. R. Peeters");
        await using var gpApi = await portal.ApiAsAsync(TestUsers.Gp(practice, "Dr. A. de Vries", "Huisartsenpraktijk De Linde").WithAccount(gp));
        await using var hospitalApi = await portal.ApiAsAsync(TestUsers.Rheumatologist(hospital, "Dr. R. Peeters", "Testziekenhuis").WithAccount(rheumatologist));
        for (var i = 0; i < 5; i++)
        {
            var asked = await gpApi.PostAsync("/api/consultations", new() { DataObject = new
            {
                hospitalId = hospital, pool = "Rheumatology",
                patient = new { dateOfBirth = "1948-03-1" + i, sex = "Female", practicePatientReference = "D-" + Guid.NewGuid().ToString("N")[..6] },
                consentRecorded = true, category = "EvaluationAfterFiveYears", text = "Vijf jaar alendroninezuur, T-score heup -2,1. Stoppen?",
                wouldReferWithout = "Yes", urgent = false,
            } });
            Assert.True(asked.Status == 201, await asked.TextAsync());
            var id = JsonDocument.Parse(await asked.TextAsync()).RootElement.GetProperty("id").GetGuid();
            var claimed = await hospitalApi.PostAsync($"/api/consultations/{id}/claim");
            Assert.True(claimed.Ok, await claimed.TextAsync());
            var answered = await hospitalApi.PostAsync($"/api/consultations/{id}/answer", new() { DataObject = new { advice = "Drug holiday van 2 jaar; herhaal DEXA over 2 jaar.", outcome = "AdviceOnly" } });
            Assert.True(answered.Ok, await answered.TextAsync());
        }
    }

    /// <summary>Questions of months ago reach the indicators as the consultation line published them then.</summary>
    private async Task SixQuestionsAskedInAsync(Period period)
    {
        using var scope = portal.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var practice = Guid.CreateVersion7();
        for (var i = 0; i < 6; i++)
        {
            var at = period.Start.AddDays(10 + i).AddHours(9);
            await bus.PublishAsync(new ConsultationStepTakenIntegrationEvent(
                Guid.CreateVersion7(), practice, $"H-{i}", QuestionChange.Posted, "Testziekenhuis", Specialty.Rheumatology, null, at,
                HospitalId: Guid.CreateVersion7(), PostedById: Guid.CreateVersion7(), Urgent: false, DueAt: at.AddDays(3), WouldReferWithout: "NotSure"));
        }
    }

    /// <summary>The indicators hear the other modules through the outbox: wait until the figure is there.</summary>
    private async Task WaitForFigureAsync(Period period, string key, decimal expected)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        decimal? seen = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var response = await portal.Api.GetAsync($"/api/indicators?period={period.Code}");
            Assert.True(response.Ok, await response.TextAsync());
            var figure = JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("figures").EnumerateArray()
                .Single(f => f.GetProperty("key").GetString() == key);
            seen = figure.GetProperty("value").ValueKind == JsonValueKind.Number ? figure.GetProperty("value").GetDecimal() : null;
            if (seen == expected)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{key} in {period.Code} stayed {seen?.ToString() ?? "empty"}, expected {expected}.");
    }
}
