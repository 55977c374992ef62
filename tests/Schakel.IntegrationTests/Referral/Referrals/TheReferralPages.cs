using System.Net;
using System.Text.RegularExpressions;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.Identity;
using Schakel.Referral.Agreements;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.Referrals;

/// <summary>The referral pages with real sign-ins: the GP refers through the form, the hospital takes its steps, strangers see nothing.</summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class TheReferralPages(IntegrationApp app)
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
    public async Task a_gp_refers_through_the_form_and_the_hospital_accepts_and_schedules_on_the_detail_page()
    {
        var practice = await _given.APracticeAsync();
        var hospital = await _given.AHospitalAsync();
        await app.JoinAgreementAsync(practice, hospital, ReferralContentItem.DexaResult);
        using var gp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice));

        var form = await Html(await gp.GetAsync("/verwijzingen/nieuw"));
        Assert.Contains("DEXA-uitslag (verplicht)", form, StringComparison.Ordinal);
        Assert.Contains("Verwijzen", await Html(await gp.GetAsync("/")), StringComparison.Ordinal);

        var refused = await gp.SubmitAsync("/verwijzingen/nieuw", Form(hospital, dexa: ""));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Vul de DEXA-uitslag in; de verwijsafspraak vraagt erom.", await Html(refused), StringComparison.Ordinal);

        var made = await gp.SubmitAsync("/verwijzingen/nieuw", Form(hospital, dexa: "T-score LWK -2,9 (12-11-2026)"));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var detail = made.Headers.Location!.OriginalString;
        Assert.Matches(ReferralPage(), detail);
        Assert.Contains("T-score LWK -2,9 (12-11-2026)", await Html(await gp.GetAsync(detail)), StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Accept", await Html(await gp.GetAsync(detail)), StringComparison.Ordinal);

        using var nurse = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.OsteoporosisNurse, hospital));
        Assert.Contains(detail, await Html(await nurse.GetAsync("/verwijzingen")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await nurse.SubmitAsync(detail, new Dictionary<string, string>(), $"{detail}?handler=Accept")).StatusCode);
        var scheduled = await nurse.SubmitAsync(detail, new Dictionary<string, string> { ["When"] = "2027-01-12T09:30", ["Where"] = "FLS Tilburg" }, $"{detail}?handler=Appointment");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);

        var seen = await Html(await gp.GetAsync(detail));
        Assert.Contains("Afspraak gepland", seen, StringComparison.Ordinal);
        Assert.Contains("FLS Tilburg", seen, StringComparison.Ordinal);
        // Entered and shown in Dutch time.
        Assert.Contains(Schakel.BuildingBlocks.Portal.DutchTime.Format(new DateTimeOffset(2027, 1, 12, 9, 30, 0, TimeSpan.FromHours(1))), seen, StringComparison.Ordinal);

        using var otherGp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync("Andere praktijk")));
        Assert.Equal(HttpStatusCode.NotFound, (await otherGp.GetAsync(detail)).StatusCode);
        Assert.DoesNotContain(detail, await Html(await otherGp.GetAsync("/verwijzingen")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_practice_without_an_agreement_is_told_so_on_the_form()
    {
        using var gp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync()));

        Assert.Contains("Uw praktijk heeft nog geen verwijsafspraak met een ziekenhuis.", await Html(await gp.GetAsync("/verwijzingen/nieuw")), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Form(Guid hospital, string dexa) => new()
    {
        ["HospitalId"] = hospital.ToString(),
        ["Target"] = "FractureLiaisonService",
        ["PatientGroup"] = "CaseFinding",
        ["DateOfBirth"] = "1951-06-02",
        ["Sex"] = "Female",
        ["Reference"] = ReferralTesting.NewPracticeReference(),
        ["Consent"] = "true",
        ["Reason"] = "Wervelfractuur Th12 op X-thorax.",
        ["Content[DexaResult]"] = dexa,
    };

    [GeneratedRegex("^/verwijzingen/[0-9a-f-]{36}$")]
    private static partial Regex ReferralPage();
}
