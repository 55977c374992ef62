using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Testing;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

/// <summary>
/// A GP and a rheumatologist at two computers: a question, a clarification back and forth, an
/// answer and the close, each side seeing the other's step appear without reloading the page.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TheConsultationJourney(PortalServer portal)
{
    /// <summary>A live change may take a moment to travel through the outbox and the hub.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public Task a_gp_and_a_rheumatologist_talk_a_question_through_and_each_sees_the_other_without_reloading() => portal.VisitTogetherAsync(async (gpPage, rheumatologistPage) =>
    {
        var (gp, rheumatologist, hospitalName) = await AGpAndARheumatologistAsync();
        var given = portal.Given;

        await rheumatologistPage.SignInAsync(given, rheumatologist);
        await rheumatologistPage.GotoAsync("/consultaties");
        await Expect(rheumatologistPage.GetByText("Er zijn nog geen vragen.")).ToBeVisibleAsync();
        await StaysWithoutReloadAsync(rheumatologistPage);

        await gpPage.SignInAsync(given, gp);
        await PostAQuestionAsync(gpPage, hospitalName);
        await StaysWithoutReloadAsync(gpPage);

        // The pool's inbox shows the new question without the rheumatologist doing anything.
        var inbox = rheumatologistPage.GetByTestId("questions").GetByRole(AriaRole.Link);
        await Expect(inbox).ToHaveCountAsync(1, new() { Timeout = Live.Timeout });
        await AssertNotReloadedAsync(rheumatologistPage);
        await inbox.ClickAsync();
        await rheumatologistPage.GetByRole(AriaRole.Button, new() { Name = "Oppakken" }).ClickAsync();
        await Expect(rheumatologistPage.GetByTestId("question-status")).ToHaveTextAsync("opgepakt");
        await rheumatologistPage.GetByLabel("Om verduidelijking vragen").FillAsync("Wat is de eGFR, en gebruikt zij prednison?");
        await rheumatologistPage.GetByRole(AriaRole.Button, new() { Name = "Om verduidelijking vragen" }).ClickAsync();
        await Expect(rheumatologistPage.GetByTestId("question-status")).ToHaveTextAsync("wacht op verduidelijking (klok gepauzeerd)");
        await StaysWithoutReloadAsync(rheumatologistPage);

        // The GP, still on her question, sees the request arrive.
        await Expect(gpPage.GetByTestId("question-status")).ToHaveTextAsync("wacht op verduidelijking (klok gepauzeerd)", Live);
        await Expect(gpPage.GetByTestId("timeline-text")).ToHaveTextAsync("Wat is de eGFR, en gebruikt zij prednison?", Live);
        await AssertNotReloadedAsync(gpPage);
        await gpPage.GetByLabel("Verduidelijking sturen").FillAsync("eGFR 52; geen prednison.");
        await gpPage.GetByRole(AriaRole.Button, new() { Name = "Verduidelijking sturen" }).ClickAsync();
        await Expect(gpPage.GetByTestId("question-status")).ToHaveTextAsync("opgepakt");
        await StaysWithoutReloadAsync(gpPage);

        // The rheumatologist sees the clarification, and the answer form that comes with it.
        await Expect(rheumatologistPage.GetByTestId("timeline-text").Last).ToHaveTextAsync("eGFR 52; geen prednison.", Live);
        await Expect(rheumatologistPage.GetByTestId("question-status")).ToHaveTextAsync("opgepakt", Live);
        await AssertNotReloadedAsync(rheumatologistPage);
        await rheumatologistPage.GetByLabel("Advies").FillAsync("Graag verwijzen naar de fractuurpreventie-polikliniek voor DEXA en VFA.");
        await rheumatologistPage.GetByLabel("Uitkomst").SelectOptionAsync(new SelectOptionValue { Label = "Verwijzing geadviseerd" });
        await rheumatologistPage.GetByRole(AriaRole.Button, new() { Name = "Antwoord versturen" }).ClickAsync();
        await Expect(rheumatologistPage.GetByTestId("question-status")).ToHaveTextAsync("beantwoord");

        // The GP sees the answer arrive and closes the question.
        await Expect(gpPage.GetByTestId("answer")).ToHaveTextAsync("Verwijzing geadviseerd", Live);
        await Expect(gpPage.GetByTestId("question-status")).ToHaveTextAsync("beantwoord", Live);
        await AssertNotReloadedAsync(gpPage);
        await gpPage.GetByLabel("Deze consultatie voorkwam een verwijzing").SetCheckedAsync(false);
        await gpPage.GetByLabel("Hoe nuttig was het antwoord (1 tot 5)?").FillAsync("5");
        await gpPage.GetByRole(AriaRole.Button, new() { Name = "Afsluiten" }).ClickAsync();
        await Expect(gpPage.GetByTestId("question-status")).ToHaveTextAsync("afgesloten");
        await Expect(rheumatologistPage.GetByTestId("question-status")).ToHaveTextAsync("afgesloten", Live);
    });

    [Fact]
    public Task what_a_gp_is_typing_is_not_replaced_by_a_change_elsewhere_she_is_told_instead() => portal.VisitTogetherAsync(async (gpPage, rheumatologistPage) =>
    {
        var (gp, rheumatologist, hospitalName) = await AGpAndARheumatologistAsync();
        await gpPage.SignInAsync(portal.Given, gp);
        await PostAQuestionAsync(gpPage, hospitalName);
        await StaysWithoutReloadAsync(gpPage);
        await gpPage.GetByLabel("Bericht sturen").FillAsync("Zij gebruikt ook omeprazol.");

        await rheumatologistPage.SignInAsync(portal.Given, rheumatologist);
        await rheumatologistPage.GotoAsync(new Uri(gpPage.Url).PathAndQuery);
        await rheumatologistPage.GetByRole(AriaRole.Button, new() { Name = "Oppakken" }).ClickAsync();
        await rheumatologistPage.GetByLabel("Om verduidelijking vragen").FillAsync("Wat is de eGFR?");
        await rheumatologistPage.GetByRole(AriaRole.Button, new() { Name = "Om verduidelijking vragen" }).ClickAsync();
        await Expect(rheumatologistPage.GetByTestId("question-status")).ToHaveTextAsync("wacht op verduidelijking (klok gepauzeerd)");

        // The status and the timeline follow; the actions she is typing in stay as they are, with a notice.
        await Expect(gpPage.GetByTestId("question-status")).ToHaveTextAsync("wacht op verduidelijking (klok gepauzeerd)", Live);
        await Expect(gpPage.GetByTestId("timeline-text")).ToHaveTextAsync("Wat is de eGFR?", Live);
        await Expect(gpPage.GetByTestId("live-notice")).ToHaveTextAsync("Er is iets veranderd. Vernieuwen", Live);
        await Expect(gpPage.GetByLabel("Bericht sturen")).ToHaveValueAsync("Zij gebruikt ook omeprazol.");
        await Expect(gpPage.GetByLabel("Verduidelijking sturen")).ToHaveCountAsync(0);
        await AssertNotReloadedAsync(gpPage);

        // Her link to refresh shows the new actions.
        await gpPage.GetByTestId("live-notice").GetByRole(AriaRole.Link, new() { Name = "Vernieuwen" }).ClickAsync();
        await Expect(gpPage.GetByLabel("Verduidelijking sturen")).ToBeVisibleAsync();
    });

    private async Task<(Person Gp, Person Rheumatologist, string HospitalName)> AGpAndARheumatologistAsync()
    {
        var given = portal.Given;
        var practice = await given.APracticeAsync("Huisartsenpraktijk De Linde");
        var hospital = await given.AHospitalAsync();
        // Its own name: the journeys share a database, and the GP picks the pool by what the form shows.
        var hospitalName = "Ziekenhuis " + Guid.NewGuid().ToString("N")[..8];
        await OpenConsultationPools.OpenAsync(
            portal.Services.GetRequiredService<IDocumentStore>(), hospital, hospitalName, [SpecialtyPool.Rheumatology], CancellationToken.None);
        var gp = await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice, name: "Dr. A. de Vries");
        var rheumatologist = await given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology, name: "Dr. R. Peeters");
        return (gp, rheumatologist, hospitalName);
    }

    /// <summary>Fills the new-question form as a GP does and sends it; the browser ends on the question's page.</summary>
    private static async Task PostAQuestionAsync(IPage gpPage, string hospitalName)
    {
        await gpPage.GotoAsync("/consultaties/nieuw");
        await gpPage.GetByLabel("Aan wie").SelectOptionAsync(new SelectOptionValue { Label = hospitalName + " · Reumatologie" });
        await gpPage.GetByLabel("Geboortedatum").FillAsync("1947-04-12");
        await gpPage.GetByLabel("vrouw", new() { Exact = true }).CheckAsync();
        await gpPage.GetByLabel("Patiëntnummer in uw praktijk").FillAsync("R-" + Guid.NewGuid().ToString("N")[..6]);
        await gpPage.GetByLabel("De patiënt gaf toestemming voor deze consultatie").CheckAsync();
        await gpPage.GetByLabel("Uw vraag").FillAsync("Mevrouw brak haar pols; T-score -2,8. Starten met alendroninezuur of eerst verder onderzoek?");
        await gpPage.GetByLabel("weet ik niet", new() { Exact = true }).CheckAsync();
        await gpPage.GetByRole(AriaRole.Button, new() { Name = "Vraag versturen" }).ClickAsync();
        await Expect(gpPage.GetByTestId("question-status")).ToHaveTextAsync("open");
    }

    /// <summary>
    /// Marks the page (a reload would wipe the mark) once its live connection is up, so that what
    /// the other person does next reaches it.
    /// </summary>
    private static async Task StaysWithoutReloadAsync(IPage page)
    {
        await Expect(page.Locator("html[data-live-state='connected']")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => { window.__noReload = 1; }");
    }

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.Equal(1, await page.EvaluateAsync<int?>("() => window.__noReload ?? null"));
}
