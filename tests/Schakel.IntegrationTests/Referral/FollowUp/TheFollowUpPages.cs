using System.Net;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.Identity;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.FollowUp;

/// <summary>The practice's follow-up in the portal, as a GP and a practice nurse use it (real sign-in, anti-forgery).</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheFollowUpPages(IntegrationApp app)
{
    private readonly Given _given = new(app);

    private async Task<PortalClient> SignedInAsync(Person person)
    {
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, person);
        return browser;
    }

    private static async Task<string> Html(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task a_gp_enrols_a_patient_and_the_nurse_records_a_check_that_proposes_the_referral_back()
    {
        var practice = await _given.APracticeAsync();
        var hospital = Guid.CreateVersion7();
        await using (var session = app.Store.LightweightSession())
        {
            var terms = new AgreementTerms(Guid.CreateVersion7(), 3, hospital, "Ziekenhuis Hart van Brabant", new Dictionary<PatientGroup, string>(),
                [], FollowUpSchedule.Default, Enum.GetValues<ReReferralCriterion>());
            session.Store(new JoinedAgreement(JoinedAgreement.IdOf(practice, hospital), practice, hospital, terms, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var gpPerson = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice, name: "Dr. Huisarts");
        using var gp = await SignedInAsync(gpPerson);
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1).AddDays(-3);
        var refused = await Html(await gp.SubmitAsync("/opvolging/nieuw", new Dictionary<string, string>
        {
            ["HospitalId"] = hospital.ToString(), ["PracticePatientReference"] = "", ["Group"] = "CaseFinding", ["Drug"] = "alendroninezuur", ["TreatmentStart"] = start.ToString("yyyy-MM-dd"),
        }));
        Assert.Contains("Vul het patiëntnummer van de praktijk in", refused, StringComparison.Ordinal);

        var enrolled = await gp.SubmitAsync("/opvolging/nieuw", new Dictionary<string, string>
        {
            ["HospitalId"] = hospital.ToString(), ["PracticePatientReference"] = "HIS-4711", ["Group"] = "GlucocorticoidUser", ["Drug"] = "alendroninezuur",
            ["Dose"] = "70 mg per week", ["TreatmentStart"] = start.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var detail = enrolled.Headers.Location!.OriginalString;

        using var nurse = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.PracticeNurse, practice, actsOnBehalfOf: gpPerson.Id));
        var worklist = await Html(await nurse.GetAsync("/opvolging"));
        Assert.Contains("Te laat (1)", worklist, StringComparison.Ordinal);
        Assert.Contains("HIS-4711", worklist, StringComparison.Ordinal);
        Assert.Contains("Controle therapietrouw na 1 maand", worklist, StringComparison.Ordinal);

        var page = await Html(await nurse.GetAsync(detail));
        Assert.Contains("5 · Glucocorticoïdgebruik", page, StringComparison.Ordinal);
        var action = System.Text.RegularExpressions.Regex.Match(page, "action=\"([^\"]*handler=Check[^\"]*)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var recorded = await nurse.SubmitAsync(detail, new Dictionary<string, string>
        {
            ["Check.StillTakingMedication"] = "false", ["Check.StoppedBecauseOfSideEffects"] = "true", ["Check.SideEffects"] = "maagklachten", ["Check.FallsSinceLastCheck"] = "0",
        }, action);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        var after = await Html(await nurse.GetAsync(detail));
        Assert.Contains("Voorstel: terugverwijzen naar het ziekenhuis", after, StringComparison.Ordinal);
        Assert.Contains("Gestopt met de medicatie vanwege bijwerkingen.", after, StringComparison.Ordinal);
        Assert.Contains("Controle therapietrouw na 3 maanden", after, StringComparison.Ordinal);
        Assert.Contains("Terugverwijzen voorgesteld", await Html(await gp.GetAsync("/opvolging")), StringComparison.Ordinal);

        // The patient's timeline, one click from her plan.
        var timelineLink = System.Text.RegularExpressions.Regex.Match(after, "href=\"(/patienten/pt-[a-z]+)\"").Groups[1].Value;
        var timeline = await Html(await gp.GetAsync(timelineLink));
        Assert.Contains("Aangemeld voor opvolging: alendroninezuur", timeline, StringComparison.Ordinal);
        Assert.Contains("Terugverwijzen voorgesteld: Gestopt met de medicatie vanwege bijwerkingen.", timeline, StringComparison.Ordinal);

        // One click to a referral back, filled in with the patient and why.
        var form = await Html(await gp.GetAsync($"/verwijzingen/nieuw?opvolging={detail.Split('/')[^1]}"));
        Assert.Contains("value=\"HIS-4711\"", form, StringComparison.Ordinal);
        Assert.Contains("Terugverwijzing vanuit de opvolging (alendroninezuur): Gestopt met de medicatie vanwege bijwerkingen.", form, StringComparison.Ordinal);
    }
}
