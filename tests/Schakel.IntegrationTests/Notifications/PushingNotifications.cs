using System.Net.Http.Json;
using System.Threading.Channels;
using Alba;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Host.Live;
using Schakel.Host.Notifications.Centre;
using Schakel.IntegrationTests.Identity;
using Schakel.Testing;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Notifications;

/// <summary>
/// A notification reaches its recipient's open pages as a poke with its id, over the live hub with
/// the .NET SignalR client and a real portal sign-in; what came while she was away she fetches
/// with <c>after=</c> when she is back.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PushingNotifications(IntegrationApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Given _given = new(app);

    [Fact]
    public async Task the_pool_internist_hears_of_the_notification_of_a_new_question_and_reads_it_with_her_cookie()
    {
        var (hospital, gp) = await AHospitalAndAGpAsync();
        await using var internist = await ListenerAsync(hospital);

        var question = await PostAsync(gp, hospital);

        var poke = await internist.NextAsync();
        var feed = await internist.FeedAsync(after: null);
        var notification = Assert.Single(feed.Notifications);
        Assert.Equal(poke, notification.Id);
        Assert.Equal(NotificationKinds.ConsultationPosted, notification.Kind);
        Assert.Equal($"/consultaties/{question}", notification.Link);
        Assert.Equal(1, feed.Unread);
    }

    [Fact]
    public async Task a_notification_made_while_she_was_disconnected_comes_with_after_when_she_reconnects()
    {
        var (hospital, gp) = await AHospitalAndAGpAsync();
        await using var internist = await ListenerAsync(hospital);
        await PostAsync(gp, hospital);
        var lastSeen = await internist.NextAsync();

        await internist.Connection.StopAsync();
        // The whole cascade (stored notification, its push to nobody) has run when this returns.
        var whileAway = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => PostAsync(gp, hospital)));
        Assert.NotEmpty(whileAway.Executed.MessagesOf<PushNotification>());
        Assert.False(internist.HasMore, "A poke reached a closed connection.");

        await internist.Connection.StartAsync();
        var caughtUp = await internist.FeedAsync(after: lastSeen);

        var missed = Assert.Single(caughtUp.Notifications);
        Assert.Equal(whileAway.Executed.SingleMessage<PushNotification>().NotificationId, missed.Id);
        Assert.Equal(2, caughtUp.Unread);

        await PostAsync(gp, hospital);
        var next = await internist.NextAsync();
        Assert.Equal(next, Assert.Single((await internist.FeedAsync(after: missed.Id)).Notifications).Id);
    }

    private async Task<(Guid Hospital, CareUser Gp)> AHospitalAndAGpAsync()
    {
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.InternalMedicine], CancellationToken.None);
        return (hospital, TestUsers.Gp(await _given.APracticeAsync()));
    }

    private async Task<Guid> PostAsync(CareUser gp, Guid hospital)
    {
        var question = new PostQuestion(hospital, SpecialtyPool.InternalMedicine, null,
            new PostQuestion.PatientInput(new DateOnly(1946, 3, 9), Sex.Female, "L-" + Guid.NewGuid().ToString("N")[..6], null),
            true, QuestionCategory.StartTreatment, "Starten met een bisfosfonaat na een polsfractuur?", null, WouldRefer.NotSure, false);
        var result = await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Post.Json(question).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!.Id;
    }

    /// <summary>The pool's internist, signed in through the login pages and listening with that session's cookie.</summary>
    private async Task<Listener> ListenerAsync(Guid hospital)
    {
        var person = await _given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine);
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, person);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri("https://localhost" + LiveHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => browser.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var listener = new Listener(browser, connection);
        await connection.StartAsync();
        return listener;
    }

    private sealed class Listener : IAsyncDisposable
    {
        private readonly Channel<Guid> _pokes = Channel.CreateUnbounded<Guid>();

        public Listener(PortalClient browser, HubConnection connection)
        {
            Browser = browser;
            Connection = connection;
            connection.On<NotificationPoke>(PushNotificationHandler.Method, poke => _pokes.Writer.TryWrite(poke.NotificationId));
        }

        public PortalClient Browser { get; }

        public HubConnection Connection { get; }

        public bool HasMore => _pokes.Reader.TryPeek(out _);

        public async Task<Guid> NextAsync() => await _pokes.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public async Task<NotificationFeed> FeedAsync(Guid? after)
        {
            var response = await Browser.GetAsync(after is { } id ? $"/api/notifications?after={id}" : "/api/notifications");
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<NotificationFeed>())!;
        }

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            Browser.Dispose();
        }
    }
}
