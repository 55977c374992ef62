using System.Net;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Consultation.Contracts;
using Schakel.Host.Notifications.Centre;
using Schakel.Host.Notifications.Preferences;
using Schakel.Referral.Contracts;
using Schakel.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Notifications;

/// <summary>A Schakel host whose clock the digest tests move.</summary>
public sealed class NotificationsClockApp() : SchakelApp("notifications_clock")
{
    public ShiftedClock Clock { get; } = new(TimeSpan.Zero);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }

    public void MoveTo(DateTimeOffset moment) => Clock.Offset = moment - TimeProvider.System.GetUtcNow();
}

[CollectionDefinition(Name)]
public sealed class NotificationsClockCollection : ICollectionFixture<NotificationsClockApp>
{
    public const string Name = "notifications-clock";
}

/// <summary>
/// The daily digest (docs/adr/0020): at her chosen Dutch time one e-mail lists her unread
/// notifications of the kinds she chose for the digest, since the last one; not again that day
/// however often the round runs, nothing when there is nothing new.
/// </summary>
[Collection(NotificationsClockCollection.Name)]
public sealed class SendingTheDailyDigest(NotificationsClockApp app) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // The Saturday before summer time starts (Sunday 28 March 2027), in Dutch winter time.
    private static readonly DateTimeOffset Saturday = new(2027, 3, 27, 0, 0, 0, TimeSpan.FromHours(1));

    private const string Subject = "Uw dagelijkse overzicht van meldingen in Schakel";

    public Task InitializeAsync()
    {
        app.Clock.Offset = TimeSpan.Zero;
        return app.ResetDataAsync();
    }

    public Task DisposeAsync()
    {
        app.Clock.Offset = TimeSpan.Zero;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task one_digest_at_her_time_with_her_digest_kinds_not_again_that_day_and_the_next_day_only_what_is_new()
    {
        var given = new Given(app);
        var practice = await given.APracticeAsync();
        var gpPerson = await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice);
        var gp = TestUsers.Gp(practice).WithAccount(gpPerson);
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(NotificationPreferences.For(gpPerson.Id) with
            {
                Choices = new()
                {
                    [NotificationKinds.ConsultationAnswered] = DeliveryChoice.EmailDigest,
                    [NotificationKinds.ReferralAccepted] = DeliveryChoice.EmailDigest,
                    [NotificationKinds.ConsultationClarificationRequested] = DeliveryChoice.PortalOnly,
                },
                DigestAt = new TimeOnly(7, 30),
            });
            await session.SaveChangesAsync();
        }

        app.MoveTo(Saturday.AddHours(6));
        var answered = Question(QuestionChange.Answered, practice, gpPerson.Id);
        var accepted = Referral(ReferralChange.Accepted, practice, gpPerson.Id);
        var fromPublishing = new List<ITrackedSession>
        {
            await PublishAsync(answered),
            await PublishAsync(accepted),
            await PublishAsync(Question(QuestionChange.ClarificationRequested, practice, gpPerson.Id)),
        };
        Assert.All(fromPublishing, t => Assert.Empty(t.Sent.MessagesOf<SendEmail>()));

        app.MoveTo(Saturday.AddHours(7).AddMinutes(29));
        Assert.Empty((await RoundAsync()).Sent.MessagesOf<SendEmail>());

        app.MoveTo(Saturday.AddHours(7).AddMinutes(31));
        Assert.Single((await RoundAsync()).Sent.MessagesOf<SendEmail>());
        var digest = Assert.Single(await DigestsAsync(gpPerson.Email, 1));
        Assert.Equal(Subject, digest.Subject);
        Assert.Contains("2 nieuwe meldingen", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Er is een antwoord op uw consultatievraag", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Uw verwijzing is geaccepteerd", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Verzoek om verduidelijking", digest.TextBody, StringComparison.Ordinal);
        var links = System.Text.RegularExpressions.Regex.Matches(digest.TextBody, @"https?://\S+/meldingen/open/[A-Za-z0-9_-]{22}").Select(m => m.Value).ToList();
        Assert.Equal(2, links.Count);
        Assert.All(links, link => Assert.Contains($"href=\"{link}\"", digest.HtmlBody, StringComparison.Ordinal));
        var opened = await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Get.Url(new Uri(links[0]).AbsolutePath);
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        Assert.Equal($"/consultaties/{answered.QuestionId}", opened.Context.Response.Headers.Location.ToString());

        // Later that day, and the round runs again (as on every node): nothing more.
        app.MoveTo(Saturday.AddHours(12));
        await PublishAsync(Question(QuestionChange.Answered, practice, gpPerson.Id));
        Assert.Empty((await RoundAsync()).Sent.MessagesOf<SendEmail>());
        Assert.Empty((await RoundAsync()).Sent.MessagesOf<SendEmail>());

        // Sunday, the first day of summer time: 07:30 Dutch time is 05:30 UTC. Only the answer of Saturday afternoon.
        var sunday = new DateTimeOffset(2027, 3, 28, 7, 29, 0, TimeSpan.FromHours(2));
        app.MoveTo(sunday);
        Assert.Empty((await RoundAsync()).Sent.MessagesOf<SendEmail>());
        app.MoveTo(sunday.AddMinutes(2));
        Assert.Single((await RoundAsync()).Sent.MessagesOf<SendEmail>());
        var second = (await DigestsAsync(gpPerson.Email, 2))[1];
        Assert.Contains("1 nieuwe meldingen", second.TextBody, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(second.TextBody, "/meldingen/open/"));

        // Monday: nothing new, so no e-mail.
        app.MoveTo(sunday.AddDays(1).AddMinutes(2));
        Assert.Empty((await RoundAsync()).Sent.MessagesOf<SendEmail>());
        Assert.Equal(2, To(gpPerson.Email).Count);
    }

    [Fact]
    public async Task a_digest_asked_for_again_and_again_the_same_day_is_sent_once()
    {
        var given = new Given(app);
        var practice = await given.APracticeAsync();
        var gpPerson = await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice);
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(NotificationPreferences.For(gpPerson.Id) with { Choices = new() { [NotificationKinds.ConsultationAnswered] = DeliveryChoice.EmailDigest } });
            await session.SaveChangesAsync();
        }

        app.MoveTo(Saturday.AddHours(6));
        await PublishAsync(Question(QuestionChange.Answered, practice, gpPerson.Id));
        app.MoveTo(Saturday.AddHours(8));

        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async bus =>
            {
                await bus.InvokeAsync(new SendDigest(gpPerson.Id));
                await bus.PublishAsync(new SendDigest(gpPerson.Id));
                await bus.PublishAsync(new SendDigests());
            }));

        Assert.Empty(tracked.MovedToErrorQueue.Envelopes());
        Assert.Single(await DigestsAsync(gpPerson.Email, 1));
        Assert.Single(tracked.Sent.MessagesOf<SendEmail>());
    }

    private Task<ITrackedSession> RoundAsync() =>
        app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(c => c.PublishAsync(new SendDigests()).AsTask()));

    private Task<ITrackedSession> PublishAsync(object message) =>
        app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).SendMessageAndWaitAsync(message);

    private List<MimeMessage> To(string address) =>
        app.Mail.Messages().Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)) && m.Subject == Subject).ToList();

    private async Task<List<MimeMessage>> DigestsAsync(string address, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (To(address).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} digests reached the SMTP server.");
            await Task.Delay(50);
        }

        return To(address);
    }

    private QuestionChangedIntegrationEvent Question(QuestionChange change, Guid practice, Guid gp)
    {
        var at = app.Clock.GetUtcNow();
        return new(Guid.CreateVersion7(), change, practice, gp, gp, Guid.CreateVersion7(), Specialty.Rheumatology, null, null, false, at.AddDays(3), at);
    }

    private ReferralChangedIntegrationEvent Referral(ReferralChange change, Guid practice, Guid gp) =>
        new(Guid.CreateVersion7(), change, practice, gp, Guid.CreateVersion7(), ReferralTargetKind.Internist, PatientGroup.CaseFinding, Guid.CreateVersion7(), 1, app.Clock.GetUtcNow());
}
