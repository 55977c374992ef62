using System.Net;
using System.Text.RegularExpressions;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.IntegrationTests.Identity;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>The consultation pages with real sign-ins: the GP asks, her pool sees it, nobody else does.</summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class ThePortalPages(IntegrationApp app)
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
    public async Task a_gp_asks_through_the_form_and_only_her_practice_and_the_pool_see_the_question()
    {
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
        var practice = await _given.APracticeAsync();
        using var gp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice));

        var refused = await gp.SubmitAsync("/consultaties/nieuw", Form(hospital, consent: false));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Leg vast dat de patiënt toestemming gaf voor deze consultatie.", await Html(refused), StringComparison.Ordinal);

        var badDate = Form(hospital, consent: true);
        badDate["DateOfBirth"] = "gisteren";
        var refusedDate = await Html(await gp.SubmitAsync("/consultaties/nieuw", badDate));
        Assert.Contains("'gisteren' is geen geldige waarde.", refusedDate, StringComparison.Ordinal);

        var posted = await gp.SubmitAsync("/consultaties/nieuw", Form(hospital, consent: true));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var detail = posted.Headers.Location!.OriginalString;
        Assert.Matches(QuestionPage(), detail);
        Assert.Contains("Mag ik de alendroninezuur na 5 jaar stoppen?", await Html(await gp.GetAsync(detail)), StringComparison.Ordinal);

        using var rheumatologist = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology));
        Assert.Contains(detail, await Html(await rheumatologist.GetAsync("/consultaties")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await rheumatologist.GetAsync(detail)).StatusCode);

        using var internist = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine));
        using var otherGp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync("Andere praktijk")));
        foreach (var stranger in new[] { internist, otherGp })
        {
            var response = await stranger.GetAsync(detail);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("alendroninezuur", await Html(response), StringComparison.Ordinal);
            Assert.DoesNotContain(detail, await Html(await stranger.GetAsync("/consultaties")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task the_two_sides_take_a_question_from_claim_to_close_in_the_portal()
    {
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
        using var gp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync()));
        var detail = (await gp.SubmitAsync("/consultaties/nieuw", Form(hospital, consent: true))).Headers.Location!.OriginalString;
        using var rheumatologist = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology));
        var empty = new Dictionary<string, string>();

        Assert.Equal(HttpStatusCode.Redirect, (await rheumatologist.SubmitAsync(detail, empty, $"{detail}?handler=Claim")).StatusCode);
        await rheumatologist.SubmitAsync(detail, new Dictionary<string, string> { ["Text"] = "Welke eGFR?" }, $"{detail}?handler=Clarify");
        Assert.Contains("wacht op verduidelijking", await Html(await gp.GetAsync(detail)), StringComparison.Ordinal);
        await gp.SubmitAsync(detail, new Dictionary<string, string> { ["Text"] = "eGFR 38." }, $"{detail}?handler=GiveClarification");
        await rheumatologist.SubmitAsync(detail, new Dictionary<string, string> { ["Text"] = "Denosumab overwegen; verwijs voor start.", ["Outcome"] = "ReferralAdvised" }, $"{detail}?handler=Answer");
        var answered = await Html(await gp.GetAsync(detail));
        Assert.Contains("Verwijzing geadviseerd", answered, StringComparison.Ordinal);
        await gp.SubmitAsync(detail, new Dictionary<string, string> { ["AvoidedReferral"] = "false", ["Usefulness"] = "5" }, $"{detail}?handler=Close");

        var closed = await Html(await rheumatologist.GetAsync(detail));
        Assert.Contains("afgesloten", closed, StringComparison.Ordinal);
        Assert.Contains("verduidelijking gegeven", closed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_gp_attaches_a_file_on_the_detail_page_and_the_pool_downloads_it_from_the_list()
    {
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
        using var gp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync()));
        var detail = (await gp.SubmitAsync("/consultaties/nieuw", Form(hospital, consent: true))).Headers.Location!.OriginalString;
        var page = await Html(await gp.GetAsync(detail));
        Assert.Contains("Bijlage toevoegen (PDF, JPEG of PNG, max. 10 MB)", page, StringComparison.Ordinal);
        byte[] pdf = [.. "%PDF-1.4\n"u8, .. new byte[3000]];

        var forged = await gp.PostFileAsync(page, $"{detail}?handler=Attach", "file", "uitslag.pdf", "<html></html>"u8.ToArray(), "application/pdf");
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Alleen PDF, JPEG of PNG", await Html(forged), StringComparison.Ordinal);

        var attached = await gp.PostFileAsync(page, $"{detail}?handler=Attach", "file", "DEXA-uitslag.pdf", pdf, "application/pdf");
        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        var listed = await Html(await gp.GetAsync(detail));
        var link = AttachmentLink().Match(listed);
        Assert.True(link.Success, "the page lists the attachment with a download link");
        Assert.Contains("DEXA-uitslag.pdf</a>", listed, StringComparison.Ordinal);
        Assert.Contains("3 KB", listed, StringComparison.Ordinal);

        using var rheumatologist = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology));
        var download = await rheumatologist.GetAsync(link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task specialists_hand_over_and_mark_absence_and_the_gp_asks_a_follow_up_in_the_portal()
    {
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
        using var gp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync()));
        var detail = (await gp.SubmitAsync("/consultaties/nieuw", Form(hospital, consent: true))).Headers.Location!.OriginalString;
        using var first = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology, name: "Dr. Eerste"));
        var colleague = await _given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology, name: "Dr. Tweede");
        using var second = await SignedInAsync(colleague);
        var empty = new Dictionary<string, string>();

        await first.SubmitAsync(detail, empty, $"{detail}?handler=Claim");
        var claimed = await Html(await first.GetAsync(detail));
        Assert.Contains("Overdragen aan", claimed, StringComparison.Ordinal);
        Assert.Contains("Dr. Tweede", claimed, StringComparison.Ordinal);
        var handed = await first.SubmitAsync(detail, new Dictionary<string, string> { ["ToSpecialistId"] = colleague.Id.ToString(), ["Note"] = "Jij kent haar." }, $"{detail}?handler=HandOver");
        Assert.Equal(HttpStatusCode.Redirect, handed.StatusCode);
        Assert.Contains("Jij kent haar.", await Html(await second.GetAsync(detail)), StringComparison.Ordinal);

        var absent = await second.SubmitAsync("/consultaties", new Dictionary<string, string> { ["Until"] = "2099-12-31" }, "/consultaties?handler=Absent");
        Assert.Equal(HttpStatusCode.Redirect, absent.StatusCode);
        Assert.Contains("U bent afwezig gemeld tot en met 31-12-2099", await Html(await second.GetAsync("/consultaties")), StringComparison.Ordinal);
        var inbox = await Html(await first.GetAsync("/consultaties"));
        Assert.Contains("Afwezig in uw pool:", inbox, StringComparison.Ordinal);
        Assert.Contains("Dr. Tweede", inbox, StringComparison.Ordinal);
        Assert.Contains("terug naar de pool (afwezig)", await Html(await first.GetAsync(detail)), StringComparison.Ordinal);
        Assert.Contains("U bent afwezig gemeld", await Html(await second.SubmitAsync(detail, empty, $"{detail}?handler=Claim")), StringComparison.Ordinal);
        await second.SubmitAsync("/consultaties", empty, "/consultaties?handler=Present");
        Assert.Contains("Afwezig melden", await Html(await second.GetAsync("/consultaties")), StringComparison.Ordinal);

        await first.SubmitAsync(detail, empty, $"{detail}?handler=Claim");
        await first.SubmitAsync(detail, new Dictionary<string, string> { ["Text"] = "Stoppen mag; herhaal de DXA over 2 jaar.", ["Outcome"] = "AdviceOnly" }, $"{detail}?handler=Answer");
        Assert.Contains("Vervolgvraag stellen", await Html(await gp.GetAsync(detail)), StringComparison.Ordinal);
        var followed = await gp.SubmitAsync(detail, new Dictionary<string, string> { ["Text"] = "En als ze toch een fractuur krijgt?" }, $"{detail}?handler=FollowUp");
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        var reopened = await Html(await first.GetAsync(detail));
        Assert.Contains("En als ze toch een fractuur krijgt?", reopened, StringComparison.Ordinal);
        Assert.Contains(">opgepakt<", reopened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_coordinator_switches_a_pool_to_automatic_assignment_on_her_overview()
    {
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.InternalMedicine], CancellationToken.None);
        using var coordinator = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Coordinator, await _given.ARegionAsync()));

        var switched = await coordinator.SubmitAsync("/consultaties/overzicht",
            new Dictionary<string, string> { ["hospitalId"] = hospital.ToString(), ["pool"] = "InternalMedicine", ["automatic"] = "true" },
            "/consultaties/overzicht?handler=Assignment");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("Zelf laten oppakken", await Html(await coordinator.GetAsync("/consultaties/overzicht")), StringComparison.Ordinal);
        await using var session = app.Store.QuerySession();
        Assert.True((await session.LoadAsync<ConsultationPool>(ConsultationPool.IdOf(hospital, SpecialtyPool.InternalMedicine)))!.AssignAutomatically);
    }

    private static Dictionary<string, string> Form(Guid hospital, bool consent)
    {
        var form = new Dictionary<string, string>
        {
            ["PoolId"] = ConsultationPool.IdOf(hospital, SpecialtyPool.Rheumatology),
            ["DateOfBirth"] = "1950-02-01",
            ["Sex"] = "Female",
            ["Reference"] = "P-" + Guid.NewGuid().ToString("N")[..6],
            ["Category"] = "EvaluationAfterFiveYears",
            ["Text"] = "Mag ik de alendroninezuur na 5 jaar stoppen?",
            ["WouldRefer"] = "No",
        };
        if (consent)
        {
            form["Consent"] = "true";
        }

        return form;
    }

    [GeneratedRegex("^/consultaties/[0-9a-f-]{36}$")]
    private static partial Regex QuestionPage();

    [GeneratedRegex("href=\"(/api/consultations/[0-9a-f-]{36}/attachments/[0-9a-f-]{36})\"")]
    private static partial Regex AttachmentLink();
}
