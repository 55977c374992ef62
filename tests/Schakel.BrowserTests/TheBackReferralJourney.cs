using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Testing;
using static Microsoft.Playwright.Assertions;

namespace Schakel.BrowserTests;

/// <summary>
/// The hospital refers a patient back; the practice nurse finds the plan's first check on her
/// worklist, records that the patient stopped her medication because of side effects, and sees the
/// referral back to the hospital proposed.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TheBackReferralJourney(PortalServer portal)
{
    [Fact]
    public Task a_back_referral_becomes_the_nurses_first_check_and_intolerance_proposes_the_referral_back() => portal.VisitTogetherAsync(async (hospitalPage, nursePage) =>
    {
        var given = portal.Given;
        var practice = await given.APracticeAsync("Huisartsenpraktijk Het Anker");
        var hospital = await given.AHospitalAsync();
        var gp = await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice, name: "Dr. S. Bos");
        var nurse = await given.AnAccountAsync(SchakelRoles.PracticeNurse, practice, actsOnBehalfOf: gp.Id, name: "P. Smit");
        var internist = await given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine, name: "Dr. K. Bakker");
        await JoinAsync(practice, hospital);
        var referral = await ASeenReferralAsync(practice, gp, hospital, internist);

        await hospitalPage.SignInAsync(given, internist);
        await hospitalPage.GotoAsync($"/verwijzingen/{referral}");
        await hospitalPage.GetByLabel("DEXA T-score lendenwervels").FillAsync("-2.9");
        await hospitalPage.GetByLabel("Gestart middel").FillAsync("alendroninezuur");
        await hospitalPage.GetByLabel("Dosering").FillAsync("70 mg 1x per week");
        await hospitalPage.GetByLabel("Startdatum behandeling").FillAsync(DateTime.UtcNow.AddDays(-40).ToString("yyyy-MM-dd"));
        await hospitalPage.GetByRole(AriaRole.Button, new() { Name = "Terugverwijzen" }).ClickAsync();
        await Expect(hospitalPage.GetByTestId("referral-status")).ToHaveTextAsync("Teruggeverwezen naar de huisarts");

        await nursePage.SignInAsync(given, nurse);
        await nursePage.GotoAsync("/opvolging");
        var overdue = nursePage.GetByTestId("worklist-overdue");
        await Expect(overdue).ToContainTextAsync("Controle therapietrouw na 1 maand");
        await Expect(overdue).ToContainTextAsync("alendroninezuur");
        await overdue.GetByRole(AriaRole.Link, new() { Name = "Openen" }).First.ClickAsync();

        await nursePage.GetByLabel("Gebruikt de medicatie nog").SetCheckedAsync(false);
        await nursePage.GetByLabel("Gestopt vanwege bijwerkingen").CheckAsync();
        await nursePage.GetByLabel("Bijwerkingen", new() { Exact = true }).FillAsync("Maagpijn en zuurbranden.");
        await nursePage.GetByRole(AriaRole.Button, new() { Name = "Controle vastleggen" }).ClickAsync();

        var proposal = nursePage.GetByTestId("re-referral");
        await Expect(proposal).ToContainTextAsync("Voorstel: terugverwijzen naar het ziekenhuis");
        await Expect(proposal).ToContainTextAsync("Gestopt met de medicatie vanwege bijwerkingen.");
        await Expect(nursePage.GetByTestId("check-form")).ToContainTextAsync("Controle therapietrouw na 3 maanden");
    });

    private async Task JoinAsync(Guid practice, Guid hospital)
    {
        await using var session = portal.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var terms = new AgreementTerms(Guid.CreateVersion7(), 1, hospital, "Testziekenhuis", new Dictionary<PatientGroup, string>(), [],
            FollowUpSchedule.Default, Enum.GetValues<ReReferralCriterion>());
        session.Store(new JoinedAgreement(JoinedAgreement.IdOf(practice, hospital), practice, hospital, terms, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
    }

    /// <summary>A referral the GP made and the hospital accepted and saw, set up through the API.</summary>
    private async Task<Guid> ASeenReferralAsync(Guid practice, Person gp, Guid hospital, Person internist)
    {
        await using var gpApi = await portal.ApiAsAsync(TestUsers.Gp(practice, "Dr. S. Bos", "Huisartsenpraktijk Het Anker").WithAccount(gp));
        var made = await gpApi.PostAsync("/api/referrals", new() { DataObject = new
        {
            hospitalId = hospital, target = "Internist", patientGroup = "CaseFinding",
            patient = new { dateOfBirth = "1950-02-11", sex = "Female", practicePatientReference = "A-" + Guid.NewGuid().ToString("N")[..6] },
            consentRecorded = true, reason = "Wervelfractuur op X-thorax; graag DEXA en behandeladvies.", content = new Dictionary<string, string>(),
        } });
        Assert.True(made.Ok, await made.TextAsync());
        var id = JsonDocument.Parse(await made.TextAsync()).RootElement.GetProperty("id").GetGuid();
        await using var hospitalApi = await portal.ApiAsAsync(TestUsers.Internist(hospital).WithAccount(internist));
        Assert.True((await hospitalApi.PostAsync($"/api/referrals/{id}/accept")).Ok);
        var scheduled = await hospitalApi.PostAsync($"/api/referrals/{id}/appointment", new() { DataObject = new { when = DateTimeOffset.UtcNow.AddDays(1), where = "Polikliniek interne geneeskunde" } });
        Assert.True(scheduled.Ok, await scheduled.TextAsync());
        return id;
    }
}
