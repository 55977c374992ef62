using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Testing;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

/// <summary>
/// The pool's internist has the portal open; a GP posts a question. The unread counter in her
/// header goes from 0 to 1 without a reload, and /meldingen lists it with a link to the question.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TheNotificationCounter(PortalServer portal)
{
    /// <summary>A notification travels through the outbox and the hub.</summary>
    private const float Live = 15_000;

    [Fact]
    public Task the_counter_rises_live_when_a_gp_posts_to_her_pool_and_the_list_shows_the_question() => portal.VisitAsync(async page =>
    {
        var given = portal.Given;
        var practice = await given.APracticeAsync("Huisartsenpraktijk De Linde");
        var hospital = await given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(
            portal.Services.GetRequiredService<IDocumentStore>(), hospital, "Ziekenhuis " + Guid.NewGuid().ToString("N")[..8], [SpecialtyPool.InternalMedicine], CancellationToken.None);
        var gp = await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice, name: "Dr. A. de Vries");
        var internist = await given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine, name: "Dr. K. Bakker");

        await page.SignInAsync(given, internist);
        await page.GotoAsync("/");
        var counter = page.GetByTestId("unread-count");
        await Expect(counter).ToHaveTextAsync("0");
        await Expect(page.Locator("html[data-live-state='connected']")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => { window.__noReload = 1; }");

        var question = await PostAQuestionAsync(TestUsers.Gp(practice).WithAccount(gp), hospital);

        await Expect(counter).ToHaveTextAsync("1", new() { Timeout = Live });
        Assert.Equal(1, await page.EvaluateAsync<int?>("() => window.__noReload ?? null"));

        await page.GetByTestId("notifications-link").ClickAsync();
        var item = page.GetByTestId("notification");
        await Expect(item).ToHaveCountAsync(1);
        var link = item.GetByRole(AriaRole.Link, new() { Name = "Nieuwe consultatievraag in uw pool" });
        await Expect(link).ToHaveAttributeAsync("href", $"/consultaties/{question}");
        await item.GetByRole(AriaRole.Button, new() { Name = "Markeer als gelezen" }).ClickAsync();
        await Expect(counter).ToHaveTextAsync("0");
        await Expect(item).ToContainTextAsync("Gelezen");

        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/consultaties/{question}$"));
    });

    private async Task<Guid> PostAQuestionAsync(CareUser gp, Guid hospital)
    {
        await using var api = await portal.ApiAsAsync(gp);
        var posted = await api.PostAsync("/api/consultations", new() { DataObject = new
        {
            hospitalId = hospital, pool = "InternalMedicine",
            patient = new { dateOfBirth = "1946-03-09", sex = "Female", practicePatientReference = "L-" + Guid.NewGuid().ToString("N")[..6] },
            consentRecorded = true, category = "StartTreatment", text = "Starten met een bisfosfonaat na een polsfractuur?",
            wouldReferWithout = "NotSure", urgent = false,
        } });
        Assert.True(posted.Ok, await posted.TextAsync());
        return JsonDocument.Parse(await posted.TextAsync()).RootElement.GetProperty("id").GetGuid();
    }
}
