using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Contracts;
using Schakel.Host.Notifications.Centre;
using Schakel.Referral.Contracts;
using Schakel.IntegrationTests.Identity;
using Schakel.Testing;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Notifications;

/// <summary>
/// The notification centre through its API: notifications made from the modules' integration
/// events, once per event and recipient, seen only by their recipient, read and counted.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheNotificationCentre(IntegrationApp app) : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1));

    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_same_answer_event_twice_makes_one_notification_for_the_asking_gp()
    {
        var answered = Changed(QuestionChange.Answered, Guid.CreateVersion7(), Monday);

        await PublishAsync(answered);
        await PublishAsync(answered);

        var feed = await FeedAsync(_gp);
        var only = Assert.Single(feed.Notifications);
        Assert.Equal(NotificationKinds.ConsultationAnswered, only.Kind);
        Assert.Equal("Er is een antwoord op uw consultatievraag", only.Title);
        Assert.Equal($"/consultaties/{answered.QuestionId}", only.Link);
        Assert.Null(only.ReadAt);
        Assert.Equal(1, feed.Unread);
    }

    [Fact]
    public async Task the_same_event_delivered_twice_at_once_makes_one_notification()
    {
        var answered = Changed(QuestionChange.Answered, Guid.CreateVersion7(), Monday);

        // Both in flight together: whichever stores second meets the unique key and retries into "already there".
        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async bus =>
            {
                await bus.PublishAsync(answered);
                await bus.PublishAsync(answered);
            }));

        Assert.Empty(tracked.MovedToErrorQueue.Envelopes());
        Assert.Single((await FeedAsync(_gp)).Notifications);
        Assert.Equal(1, await UnreadAsync(_gp));
    }

    [Fact]
    public async Task only_the_recipient_sees_her_notification_and_a_stranger_gets_404_for_it()
    {
        await PublishAsync(Changed(QuestionChange.ClarificationRequested, Guid.CreateVersion7(), Monday));
        var mine = Assert.Single((await FeedAsync(_gp)).Notifications);
        var stranger = TestUsers.Gp(_gp.OrganisationId, name: "Dr. B. Collega");

        Assert.Empty((await FeedAsync(stranger)).Notifications);
        await app.Host.Scenario(s =>
        {
            s.As(stranger);
            s.Post.Url($"/api/notifications/{mine.Id}/read");
            s.StatusCodeShouldBe(404);
        });
        await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Url($"/api/notifications/{Guid.CreateVersion7()}/read");
            s.StatusCodeShouldBe(404);
        });
        Assert.Equal(1, await UnreadAsync(_gp));
    }

    [Fact]
    public async Task after_gives_what_came_since_oldest_first_and_reading_counts_down()
    {
        await PublishAsync(Changed(QuestionChange.Answered, Guid.CreateVersion7(), Monday));
        await PublishAsync(Changed(QuestionChange.ClarificationRequested, Guid.CreateVersion7(), Monday.AddMinutes(1)));
        await PublishAsync(Changed(QuestionChange.Late, Guid.CreateVersion7(), Monday.AddMinutes(2)));

        var all = (await FeedAsync(_gp)).Notifications;
        Assert.Equal([NotificationKinds.ConsultationAnswered, NotificationKinds.ConsultationClarificationRequested, NotificationKinds.ConsultationLate], all.Select(n => n.Kind));
        var since = await FeedAsync(_gp, after: all[0].Id);
        Assert.Equal(all.Skip(1).Select(n => n.Id), since.Notifications.Select(n => n.Id));
        Assert.Empty((await FeedAsync(_gp, after: all[2].Id)).Notifications);
        Assert.Equal(3, since.Unread);

        await ReadAsync(_gp, all[1].Id);
        await ReadAsync(_gp, all[1].Id);

        Assert.Equal(2, await UnreadAsync(_gp));
        Assert.NotNull((await FeedAsync(_gp)).Notifications.Single(n => n.Id == all[1].Id).ReadAt);

        await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Url("/api/notifications/read-all");
            s.StatusCodeShouldBe(204);
        });

        Assert.Equal(0, await UnreadAsync(_gp));
        Assert.All((await FeedAsync(_gp)).Notifications, n => Assert.NotNull(n.ReadAt));
    }

    [Fact]
    public async Task a_new_referral_notifies_the_hospitals_people_for_its_target_and_an_acceptance_the_responsible_gp()
    {
        var given = new Given(app);
        var hospital = await given.AHospitalAsync();
        var internist = await given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine);
        var rheumatologist = await given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology);
        var referral = Guid.CreateVersion7();

        await PublishAsync(Referral(referral, ReferralChange.Made, hospital, Monday));
        await PublishAsync(Referral(referral, ReferralChange.Accepted, hospital, Monday.AddHours(1)));

        var made = Assert.Single((await FeedAsync(TestUsers.Internist(hospital).WithAccount(internist))).Notifications);
        Assert.Equal((NotificationKinds.ReferralMade, "Nieuwe verwijzing ontvangen", $"/verwijzingen/{referral}"), (made.Kind, made.Title, made.Link));
        Assert.Empty((await FeedAsync(TestUsers.Rheumatologist(hospital).WithAccount(rheumatologist))).Notifications);
        var accepted = Assert.Single((await FeedAsync(_gp)).Notifications);
        Assert.Equal((NotificationKinds.ReferralAccepted, "Uw verwijzing is geaccepteerd"), (accepted.Kind, accepted.Title));
    }

    [Fact]
    public async Task a_change_that_concerns_nobody_makes_no_notification()
    {
        await PublishAsync(Changed(QuestionChange.MessagePosted, Guid.CreateVersion7(), Monday));

        Assert.Empty((await FeedAsync(_gp)).Notifications);
        Assert.Equal(0, await UnreadAsync(_gp));
    }

    [Fact]
    public async Task a_bearer_token_does_not_open_the_notifications()
    {
        var (browser, _, tokens, _) = await OpenIdConnectFlows.UserTokensAsync(app, new Given(app));
        browser.Dispose();
        using var client = new PortalClient(app.Host.Server);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/notifications/unread-count");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private QuestionChangedIntegrationEvent Changed(QuestionChange change, Guid question, DateTimeOffset at) =>
        new(question, change, _gp.OrganisationId, _gp.UserId, _gp.UserId, Guid.CreateVersion7(), Specialty.Rheumatology,
            null, null, false, at.AddDays(3), at);

    private ReferralChangedIntegrationEvent Referral(Guid referral, ReferralChange change, Guid hospital, DateTimeOffset at) =>
        new(referral, change, _gp.OrganisationId, _gp.UserId, hospital, ReferralTargetKind.Internist, PatientGroup.CaseFinding, Guid.CreateVersion7(), 1, at);

    private Task PublishAsync(object message) =>
        app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).SendMessageAndWaitAsync(message);

    private async Task<NotificationFeed> FeedAsync(CareUser who, Guid? after = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(who);
            s.Get.Url(after is { } id ? $"/api/notifications?after={id}" : "/api/notifications");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<NotificationFeed>())!;
    }

    private async Task<int> UnreadAsync(CareUser who)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(who);
            s.Get.Url("/api/notifications/unread-count");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<UnreadCount>())!.Unread;
    }

    private Task ReadAsync(CareUser who, Guid id) => app.Host.Scenario(s =>
    {
        s.As(who);
        s.Post.Url($"/api/notifications/{id}/read");
        s.StatusCodeShouldBe(204);
    });
}
