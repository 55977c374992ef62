using System.Net;
using System.Text.Json;
using Alba;
using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Notifications.Centre;
using Schakel.IntegrationTests.Identity;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.Referrals;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.Referrals;

/// <summary>
/// The safety net's follow-up: the hospital could not reach the patient, the practice contacts her and
/// records how it went; its task is done, and the rest of the product hears that the GP followed up.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RecordingPatientContact(IntegrationApp app) : IAsyncLifetime
{
    private readonly Guid _hospital = Guid.CreateVersion7();
    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());

    private CareUser Hospital => TestUsers.Internist(_hospital);

    public async Task InitializeAsync() => await app.JoinAgreementAsync(_gp.OrganisationId, _hospital);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A referral of <paramref name="gp"/>'s practice the patient did not respond to: the practice's task is open.</summary>
    private async Task<Guid> NoResponseAsync(CareUser? gp = null, Guid? hospital = null)
    {
        var by = Hospital with { OrganisationId = hospital ?? _hospital };
        var made = await app.SendAsync(gp ?? _gp, "/api/referrals", ReferralTesting.AReferral(hospital ?? _hospital), 201);
        await app.SendAsync(by, $"/api/referrals/{made.Id}/accept");
        await app.SendAsync(by, $"/api/referrals/{made.Id}/invitations", new RecordInvitation("brief"));
        await app.SendAsync(by, $"/api/referrals/{made.Id}/invitations", new RecordInvitation("telefoon"));
        await app.SendAsync(by, $"/api/referrals/{made.Id}/no-response");
        return made.Id;
    }

    private static string Url(Guid referral) => $"/api/referrals/{referral}/patient-contact";

    private async Task<int> NotificationsAboutAsync(Guid referral)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<Notification>().CountAsync(n => n.Link == $"/verwijzingen/{referral}");
    }

    [Fact]
    public async Task the_practice_records_the_contact_its_task_is_done_and_the_follow_up_is_published()
    {
        // Tracked: the notifications of the hospital's steps are all stored before counting them.
        var (referral, _) = await app.TrackAsync(() => NoResponseAsync());
        var nurse = TestUsers.PracticeNurse(_gp);
        var notificationsBefore = await NotificationsAboutAsync(referral);

        var (contacted, tracked) = await app.TrackAsync(() =>
            app.SendAsync(nurse, Url(referral), new RecordPatientContact(PatientContactOutcome.Reached, "Gebeld; komt alsnog naar de polikliniek.")));

        Assert.Equal((PracticeTaskStatus.Done, ReferralStatus.NoResponse), (contacted.Task!.Status, contacted.Status));
        Assert.Equal((PatientContactOutcome.Reached, "Gebeld; komt alsnog naar de polikliniek.", nurse.Name),
            (contacted.PatientContact!.Outcome, contacted.PatientContact.Note, contacted.PatientContact.ByName));
        Assert.Equal("patient-contacted", contacted.Timeline[^1].Kind);
        var published = Assert.Single(tracked.Published<ReferralChangedIntegrationEvent>());
        Assert.Equal((referral, ReferralChange.SafetyNetFollowedUp, _gp.OrganisationId, _hospital), (published.ReferralId, published.Change, published.PracticeId, published.HospitalId));

        var read = await app.ReadAsync(_gp, referral);
        Assert.Equal((PracticeTaskStatus.Done, PatientContactOutcome.Reached), (read.Task!.Status, read.PatientContact!.Outcome));
        Assert.Equal(contacted.Timeline.Select(s => s.Kind), read.Timeline.Select(s => s.Kind));
        Assert.Equal(PracticeTaskStatus.Done, Assert.Single(await app.ListAsync(_gp, "?status=NoResponse"), r => r.Id == referral).Task!.Status);
        // The hospital reads how it went in the referral's history; the practice's own step needs no notification.
        Assert.Equal("Patiënt bereikt: Gebeld; komt alsnog naar de polikliniek.", (await app.ReadAsync(Hospital, referral)).Timeline[^1].Text);
        Assert.Equal(notificationsBefore, await NotificationsAboutAsync(referral));
    }

    [Fact]
    public async Task without_an_open_task_it_is_409_and_nothing_is_published()
    {
        var referral = await NoResponseAsync();
        await app.SendAsync(_gp, Url(referral), new RecordPatientContact(PatientContactOutcome.NotReached, null));
        var sent = await app.SendAsync(_gp, "/api/referrals", ReferralTesting.AReferral(_hospital), 201);

        var (_, again) = await app.TrackAsync(() => app.SendAsync(_gp, Url(referral), new RecordPatientContact(PatientContactOutcome.Reached, null), 409));
        var (_, early) = await app.TrackAsync(() => app.SendAsync(_gp, Url(sent.Id), new RecordPatientContact(PatientContactOutcome.Reached, null), 409));

        Assert.Empty(again.Published<ReferralChangedIntegrationEvent>());
        Assert.Empty(early.Published<ReferralChangedIntegrationEvent>());
        Assert.Equal(PatientContactOutcome.NotReached, (await app.ReadAsync(_gp, referral)).PatientContact!.Outcome);
    }

    [Fact]
    public async Task another_practice_gets_404_and_the_hospital_403()
    {
        var referral = await NoResponseAsync();

        await app.SendAsync(TestUsers.Gp(Guid.CreateVersion7()), Url(referral), new RecordPatientContact(PatientContactOutcome.Reached, null), 404);
        await app.SendAsync(Hospital, Url(referral), new RecordPatientContact(PatientContactOutcome.Reached, null), 403);
        await app.SendAsync(_gp, Url(Guid.CreateVersion7()), new RecordPatientContact(PatientContactOutcome.Reached, null), 404);

        Assert.Equal(PracticeTaskStatus.Open, (await app.ReadAsync(_gp, referral)).Task!.Status);
    }

    [Theory]
    [InlineData("{\"outcome\": \"Maybe\"}", "outcome")]
    [InlineData("{\"outcome\": 1}", "outcome")]
    [InlineData("{\"note\": \"gebeld\"}", "outcome")]
    [InlineData("{\"outcome\": \"Reached\", \"note\": \"BSN 111222333\"}", "note")]
    public async Task a_bad_outcome_or_note_is_a_400_naming_the_field(string body, string field)
    {
        var referral = await NoResponseAsync();

        var result = await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Text(body).ToUrl(Url(referral));
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        var errors = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(PracticeTaskStatus.Open, (await app.ReadAsync(_gp, referral)).Task!.Status);
    }

    [Fact]
    public async Task a_note_longer_than_500_characters_is_refused()
    {
        var referral = await NoResponseAsync();

        await app.SendAsync(_gp, Url(referral), new RecordPatientContact(PatientContactOutcome.Reached, new string('x', 501)), 400);
        await app.SendAsync(_gp, Url(referral), new RecordPatientContact(PatientContactOutcome.Reached, new string('x', 500)));
    }

    [Fact]
    public async Task in_the_portal_the_practice_records_the_contact_where_the_open_task_is_shown()
    {
        var given = new Given(app);
        var practice = await given.APracticeAsync();
        var hospital = await given.AHospitalAsync();
        await app.JoinAgreementAsync(practice, hospital);
        var person = await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice, name: "Dr. Contact");
        var referral = await NoResponseAsync(TestUsers.Gp(practice), hospital);
        using var gp = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(gp, given, person);
        var detail = $"/verwijzingen/{referral}";

        var page = WebUtility.HtmlDecode(await (await gp.GetAsync(detail)).Content.ReadAsStringAsync());
        Assert.Contains("Neem contact met haar op vóór", page, StringComparison.Ordinal);
        Assert.Contains("Contact met de patiënt vastleggen", page, StringComparison.Ordinal);

        var refused = await gp.SubmitAsync(detail, new Dictionary<string, string> { ["Contact.Note"] = "gebeld" }, $"{detail}?handler=PatientContact");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Kies hoe het contact met de patiënt verliep", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var (recorded, tracked) = await app.TrackAsync(() => gp.SubmitAsync(detail,
            new Dictionary<string, string> { ["Contact.Outcome"] = "DeclinedFurtherCare", ["Contact.Note"] = "Wil geen onderzoek meer." }, $"{detail}?handler=PatientContact"));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal(ReferralChange.SafetyNetFollowedUp, Assert.Single(tracked.Published<ReferralChangedIntegrationEvent>()).Change);

        var after = WebUtility.HtmlDecode(await (await gp.GetAsync(detail)).Content.ReadAsStringAsync());
        Assert.Contains("Patiënt wil geen verdere zorg", after, StringComparison.Ordinal);
        Assert.Contains("Wil geen onderzoek meer.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Contact met de patiënt vastleggen", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Neem contact met haar op vóór", after, StringComparison.Ordinal);
    }
}
