using System.Net;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.Identity;
using Schakel.Referral.Agreements;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.Agreements;

/// <summary>The agreement readable in Dutch; the coordinator brings a draft into force and a GP joins, in the portal.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheAgreementPages(IntegrationApp app)
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
    public async Task the_coordinator_brings_a_draft_into_force_and_a_gp_joins_for_her_practice()
    {
        var hospital = Guid.CreateVersion7();
        var created = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator());
            s.Post.Json(new DraftAgreement(hospital, "Testziekenhuis", "Afspraak " + Guid.NewGuid().ToString("N")[..6], AgreementsSeeding.RegionalDefault)).ToUrl("/api/agreements");
            s.StatusCodeShouldBe(201);
        });
        var page = $"/afspraken/{(await created.ReadAsJsonAsync<AgreementView>())!.Id}";

        using var coordinator = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Coordinator, await _given.ARegionAsync()));
        var draft = await Html(await coordinator.GetAsync(page));
        Assert.Contains("Versie 1 van kracht laten worden", draft, StringComparison.Ordinal);
        Assert.Contains("Controle therapietrouw na 1 maand, 3 maanden, 6 maanden, 1 jaar, 1,5 jaar, 2 jaar, 3 jaar en 4 jaar; evaluatie na 5 jaar met herhaal-DEXA; lengte meten elke 2 jaar.", draft, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=Activate&version=1")).StatusCode);

        var practice = await _given.APracticeAsync();
        using var gp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice));
        var inForce = await Html(await gp.GetAsync(page));
        Assert.Contains("van kracht", inForce, StringComparison.Ordinal);
        Assert.Contains("Intolerantie: gestopt vanwege bijwerkingen", inForce, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await gp.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=Join&version=1")).StatusCode);
        Assert.Contains("Uw praktijk neemt deel aan versie 1", await Html(await gp.GetAsync(page)), StringComparison.Ordinal);
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, (await AgreementsInForce.ForAsync(session, practice, hospital, CancellationToken.None))!.Version);
        Assert.Contains(page, await Html(await gp.GetAsync("/afspraken")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_coordinator_writes_an_agreement_and_its_next_version_in_the_portal()
    {
        var hospital = await _given.AHospitalAsync();
        using var coordinator = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Coordinator, await _given.ARegionAsync()));
        var form = await Html(await coordinator.GetAsync("/afspraken/nieuw"));
        Assert.Contains("Testziekenhuis", form, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["HospitalId"] = hospital.ToString(), ["Title"] = "Afspraak uit het portaal", ["Scope"] = "Fractuurpreventie",
            ["Criteria[CaseFinding]"] = "50-80 jaar met een wervelfractuur.", ["Required"] = "Reason", ["HandBackWhen"] = "Na diagnostiek.",
            ["LetterContent"] = "DEXA, VFA, lab, middel.", ["CheckMonths"] = "1, 3, 6, 3", ["EvaluationAfterMonths"] = "60", ["RepeatDexa"] = "true",
            ["HeightEveryMonths"] = "24", ["ReReferral"] = "Intolerance",
        };
        var refused = await Html(await coordinator.SubmitAsync("/afspraken/nieuw", fields));
        Assert.Contains("Controles: oplopende aantallen maanden", refused, StringComparison.Ordinal);

        fields["CheckMonths"] = "1, 3, 6, 12";
        var written = await coordinator.SubmitAsync("/afspraken/nieuw", fields);
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        var page = written.Headers.Location!.OriginalString;
        Assert.Contains("Controle therapietrouw na 1 maand, 3 maanden, 6 maanden en 1 jaar", await Html(await coordinator.GetAsync(page)), StringComparison.Ordinal);
        await coordinator.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=Activate&version=1");

        var next = $"/afspraken/nieuw?van={page.Split('/')[^1]}";
        Assert.Contains("Nieuwe versie van Afspraak uit het portaal", await Html(await coordinator.GetAsync(next)), StringComparison.Ordinal);
        fields["HeightEveryMonths"] = "12";
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(next, fields)).StatusCode);
        var versions = await Html(await coordinator.GetAsync(page));
        Assert.Contains("Versie 2 van kracht laten worden", versions, StringComparison.Ordinal);
    }
}
