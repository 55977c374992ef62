using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.Agreements;

/// <summary>The coordinator writes and versions agreements; a GP joins the version in force for her practice.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class KeepingAgreements(IntegrationApp app)
{
    private static readonly CareUser Coordinator = TestUsers.Coordinator();

    private async Task<AgreementView> SendAsync(CareUser who, string url, object? body, int status)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(who);
            if (body is null)
            {
                s.Post.Url(url);
            }
            else
            {
                s.Post.Json(body).ToUrl(url);
            }

            s.StatusCodeShouldBe(status);
        });
        return status is 200 or 201 ? (await result.ReadAsJsonAsync<AgreementView>())! : null!;
    }

    [Fact]
    public async Task a_practice_works_under_the_version_it_joined_until_it_joins_the_next()
    {
        var hospital = Guid.CreateVersion7();
        var practice = Guid.CreateVersion7();
        var gp = TestUsers.Gp(practice);
        var drafted = await SendAsync(Coordinator, "/api/agreements", new DraftAgreement(hospital, "Testziekenhuis", "Fractuurpreventie", AgreementsSeeding.RegionalDefault), 201);
        var id = drafted.Id;
        await SendAsync(gp, $"/api/agreements/{id}/versions/1/join", null, 409);
        await SendAsync(Coordinator, $"/api/agreements/{id}/versions/1/activate", null, 200);
        await SendAsync(gp, $"/api/agreements/{id}/versions/1/join", null, 200);

        await using (var session = app.Store.QuerySession())
        {
            Assert.Equal(1, (await AgreementsInForce.ForAsync(session, practice, hospital, CancellationToken.None))!.Version);
        }

        var v2 = AgreementsSeeding.RegionalDefault with { Schedule = FollowUpSchedule.Default with { HeightEveryMonths = 12 } };
        await SendAsync(Coordinator, $"/api/agreements/{id}/versions", new DraftAgreementVersion(v2), 200);
        await SendAsync(Coordinator, $"/api/agreements/{id}/versions", new DraftAgreementVersion(v2), 409);
        var activated = await SendAsync(Coordinator, $"/api/agreements/{id}/versions/2/activate", null, 200);
        Assert.Equal(2, activated.ActiveVersion);
        await SendAsync(Coordinator, $"/api/agreements/{id}/versions/1/activate", null, 409);

        await using (var session = app.Store.QuerySession())
        {
            Assert.Equal(1, (await AgreementsInForce.ForAsync(session, practice, hospital, CancellationToken.None))!.Version);
        }

        await SendAsync(gp, $"/api/agreements/{id}/versions/2/join", null, 200);
        await using (var session = app.Store.QuerySession())
        {
            var terms = (await AgreementsInForce.ForAsync(session, practice, hospital, CancellationToken.None))!;
            Assert.Equal((2, 12), (terms.Version, terms.Schedule.HeightEveryMonths));
        }

        var read = await app.Host.Scenario(s => s.As(TestUsers.Internist(hospital)).Get.Url($"/api/agreements/{id}"));
        var view = (await read.ReadAsJsonAsync<AgreementView>())!;
        Assert.Equal([AgreementVersionStatus.Superseded, AgreementVersionStatus.Active], view.Versions.Select(v => v.Status));
        var list = await app.Host.Scenario(s => s.As(gp).Get.Url("/api/agreements"));
        Assert.Contains((await list.ReadAsJsonAsync<AgreementListItem[]>())!, a => a.Id == id && a.ActiveVersion == 2 && a.PracticesJoined == 1);
    }

    [Fact]
    public async Task the_wrong_role_gets_403_a_bad_schedule_400_and_an_unknown_agreement_404()
    {
        var practice = Guid.CreateVersion7();
        var gp = TestUsers.Gp(practice);
        var draft = new DraftAgreement(Guid.CreateVersion7(), "Testziekenhuis", "Fractuurpreventie", AgreementsSeeding.RegionalDefault);
        await SendAsync(gp, "/api/agreements", draft, 403);

        var bad = await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Post.Json(draft with { Content = draft.Content with { Schedule = new FollowUpSchedule([6, 3], 60, true, 24) } }).ToUrl("/api/agreements");
            s.StatusCodeShouldBe(400);
        });
        Assert.Contains("Controles: oplopende aantallen maanden", await bad.ReadAsTextAsync(), StringComparison.Ordinal);

        var agreement = await SendAsync(Coordinator, "/api/agreements", draft, 201);
        await SendAsync(Coordinator, $"/api/agreements/{agreement.Id}/versions/1/activate", null, 200);
        await SendAsync(TestUsers.PracticeNurse(gp), $"/api/agreements/{agreement.Id}/versions/1/join", null, 403);
        await SendAsync(Coordinator, $"/api/agreements/{Guid.CreateVersion7()}/versions/1/activate", null, 404);
        await app.Host.Scenario(s => { s.As(gp); s.Get.Url($"/api/agreements/{Guid.CreateVersion7()}"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task a_referral_keeps_the_version_it_was_made_under_after_a_new_one_comes_into_force()
    {
        var hospital = Guid.CreateVersion7();
        var practice = Guid.CreateVersion7();
        var gp = TestUsers.Gp(practice);
        var id = (await SendAsync(Coordinator, "/api/agreements", new DraftAgreement(hospital, "Testziekenhuis", "Fractuurpreventie", AgreementsSeeding.RegionalDefault), 201)).Id;
        await SendAsync(Coordinator, $"/api/agreements/{id}/versions/1/activate", null, 200);
        await SendAsync(gp, $"/api/agreements/{id}/versions/1/join", null, 200);
        var content = new Dictionary<ReferralContentItem, string>
        {
            [ReferralContentItem.Reason] = "DEXA gewenst.", [ReferralContentItem.FractureHistory] = "Polsfractuur 2024.", [ReferralContentItem.CurrentMedication] = "Geen.",
        };
        var first = await Schakel.IntegrationTests.Referral.Referrals.ReferralTesting.SendAsync(app, gp, "/api/referrals",
            Schakel.IntegrationTests.Referral.Referrals.ReferralTesting.AReferral(hospital, content), 201);

        await SendAsync(Coordinator, $"/api/agreements/{id}/versions", new DraftAgreementVersion(AgreementsSeeding.RegionalDefault with { Scope = "Versie 2" }), 200);
        await SendAsync(Coordinator, $"/api/agreements/{id}/versions/2/activate", null, 200);
        await SendAsync(gp, $"/api/agreements/{id}/versions/2/join", null, 200);
        var second = await Schakel.IntegrationTests.Referral.Referrals.ReferralTesting.SendAsync(app, gp, "/api/referrals",
            Schakel.IntegrationTests.Referral.Referrals.ReferralTesting.AReferral(hospital, content), 201);

        Assert.Equal((id, 1), ((await Schakel.IntegrationTests.Referral.Referrals.ReferralTesting.ReadAsync(app, gp, first.Id)).AgreementId, (await Schakel.IntegrationTests.Referral.Referrals.ReferralTesting.ReadAsync(app, gp, first.Id)).AgreementVersion));
        Assert.Equal(2, second.AgreementVersion);
    }
}
