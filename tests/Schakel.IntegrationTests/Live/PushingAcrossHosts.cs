using System.Text.Json;
using System.Threading.Channels;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Host.Live;
using Schakel.IntegrationTests.Identity;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Live;

/// <summary>
/// The live channel across hosts (docs/adr/0011): hosts A and B share a PostgreSQL database and a
/// private redis-server (the SignalR backplane), so a poke raised on A reaches a browser connected
/// to B and back. Host C is another deployment: its own database, the same Redis with another
/// channel prefix, and it hears nothing of theirs. One host without Redis pushing to its own browsers is
/// <see cref="TheLiveChannel"/>.
/// </summary>
public sealed class PushingAcrossHosts(PushingAcrossHosts.Hosts hosts) : IClassFixture<PushingAcrossHosts.Hosts>
{
    // Generous: the whole suite runs beside these three hosts on two cores.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task a_question_posted_through_host_a_reaches_the_pool_listening_on_host_b_and_a_claim_on_b_reaches_the_gp_on_a()
    {
        var (hospital, practice) = await hosts.AHospitalAndAPracticeAsync();
        await using var gpOnA = await ListenerAsync(hosts.A, SchakelRoles.GeneralPractitioner, practice);
        await using var rheumatologistOnB = await ListenerAsync(hosts.B, SchakelRoles.Rheumatologist, hospital, SpecialtyPool.Rheumatology);

        var question = await PostAsync(hosts.A, TestUsers.Gp(practice).WithAccount(gpOnA.Person), hospital);

        Assert.Equal((question, "Posted"), Read(await rheumatologistOnB.NextAsync()));
        Assert.Equal((question, "Posted"), Read(await gpOnA.NextAsync()));

        await hosts.B.Scenario(s =>
        {
            s.As(TestUsers.Rheumatologist(hospital).WithAccount(rheumatologistOnB.Person));
            s.Post.Url($"/api/consultations/{question}/claim");
            s.StatusCodeShouldBe(200);
        });

        // Each poke arrives once: the backplane brings the claim, not the post a second time.
        Assert.Equal((question, "Claimed"), Read(await gpOnA.NextAsync()));
        Assert.Equal((question, "Claimed"), Read(await rheumatologistOnB.NextAsync()));
    }

    [Fact]
    public async Task a_notification_stored_for_a_question_posted_through_host_a_reaches_its_recipient_on_host_b()
    {
        var (hospital, practice) = await hosts.AHospitalAndAPracticeAsync();
        await using var rheumatologistOnB = await ListenerAsync(hosts.B, SchakelRoles.Rheumatologist, hospital, SpecialtyPool.Rheumatology);

        await PostAsync(hosts.A, TestUsers.Gp(practice), hospital);

        // The notification is stored first (by whichever node handles the event), then poked to her user group through Redis.
        var notification = await rheumatologistOnB.NextNotificationAsync();
        await using var session = hosts.A.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stored = await session.LoadAsync<Schakel.Host.Notifications.Centre.Notification>(notification);
        Assert.NotNull(stored);
        Assert.Equal(rheumatologistOnB.Person.Id, stored.RecipientId);
    }

    [Fact]
    public async Task a_deployment_with_another_channel_prefix_on_the_same_redis_hears_nothing_of_it()
    {
        var (hospital, practice) = await hosts.AHospitalAndAPracticeAsync();
        await using var onB = await ListenerAsync(hosts.B, SchakelRoles.Rheumatologist, hospital, SpecialtyPool.Rheumatology);
        await using var onC = await ListenerAsync(hosts.C, SchakelRoles.Rheumatologist, hospital, SpecialtyPool.Rheumatology);

        var throughA = await PostAsync(hosts.A, TestUsers.Gp(practice), hospital);
        Assert.Equal(throughA, Read(await onB.NextAsync()).Question);

        // Barriers: C hears its own poke through the same Redis, after A's had been delivered; it must be the first.
        // Likewise B, for a later question through A after C's.
        var throughC = await PostAsync(hosts.C, TestUsers.Gp(practice), hospital);
        Assert.Equal(throughC, Read(await onC.NextAsync()).Question);
        var laterThroughA = await PostAsync(hosts.A, TestUsers.Gp(practice), hospital);
        Assert.Equal(laterThroughA, Read(await onB.NextAsync()).Question);

        Assert.False(onC.HasMore, "Host C, on another channel prefix, heard a question posted through host A.");
        Assert.False(onB.HasMore, "Host B heard a question posted through host C, which uses another channel prefix.");
    }

    private static async Task<Guid> PostAsync(IAlbaHost host, CareUser gp, Guid hospital)
    {
        var question = new PostQuestion(hospital, SpecialtyPool.Rheumatology, null,
            new PostQuestion.PatientInput(new DateOnly(1946, 3, 9), Sex.Female, "L-" + Guid.NewGuid().ToString("N")[..6], null),
            true, QuestionCategory.StartTreatment, "Starten met een bisfosfonaat na een polsfractuur?", null, WouldRefer.NotSure, false);
        var result = await host.Scenario(s =>
        {
            s.As(gp);
            s.Post.Json(question).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!.Id;
    }

    private static (Guid Question, string Change) Read(JsonElement poke) =>
        (poke.GetProperty("questionId").GetGuid(), poke.GetProperty("change").GetString()!);

    /// <summary>Someone signed in through the login pages of <paramref name="host"/>, listening on that host's hub.</summary>
    private static async Task<Listener> ListenerAsync(IAlbaHost host, string role, Guid organisation, SpecialtyPool? pool = null)
    {
        var given = new Given(host.Services);
        var person = await given.AnAccountAsync(role, organisation, pool: pool);
        var browser = new PortalClient(host.Server);
        await SigningIn.SignInAsync(browser, given, person);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri("https://localhost" + LiveHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => browser.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var listener = new Listener(person, browser, connection);
        await connection.StartAsync();
        return listener;
    }

    private sealed class Listener : IAsyncDisposable
    {
        private readonly Channel<JsonElement> _pokes = Channel.CreateUnbounded<JsonElement>();
        private readonly Channel<Guid> _notifications = Channel.CreateUnbounded<Guid>();
        private readonly PortalClient _browser;
        private readonly HubConnection _connection;

        public Listener(Person person, PortalClient browser, HubConnection connection)
        {
            Person = person;
            _browser = browser;
            _connection = connection;
            connection.On<JsonElement>(LiveHub.QuestionChanged, poke => _pokes.Writer.TryWrite(poke));
            connection.On<JsonElement>(Schakel.Host.Notifications.Centre.PushNotificationHandler.Method,
                poke => _notifications.Writer.TryWrite(poke.GetProperty("notificationId").GetGuid()));
        }

        public Person Person { get; }

        public bool HasMore => _pokes.Reader.TryPeek(out _);

        public async Task<JsonElement> NextAsync() => await _pokes.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public async Task<Guid> NextNotificationAsync() => await _notifications.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public async ValueTask DisposeAsync()
        {
            await _connection.DisposeAsync();
            _browser.Dispose();
        }
    }

    /// <summary>
    /// A fresh database, a private redis-server and three hosts on both (not in solo mode: they
    /// share Wolverine's node table and durable queues, as production hosts do). A and B share the
    /// channel prefix; C has its own.
    /// </summary>
    public sealed class Hosts : IAsyncLifetime
    {
        private readonly SmtpSink _mail = new();
        private string _connectionString = "";
        private string _otherDeployment = "";
        private IAlbaHost? _a;
        private IAlbaHost? _b;
        private IAlbaHost? _c;

        public RedisServer Redis { get; } = new();

        public IAlbaHost A => _a ?? throw new InvalidOperationException("Host A has not started.");

        public IAlbaHost B => _b ?? throw new InvalidOperationException("Host B has not started.");

        public IAlbaHost C => _c ?? throw new InvalidOperationException("Host C has not started.");

        public async Task InitializeAsync()
        {
            _connectionString = await TestDatabase.ForAsync("hosts_" + Guid.NewGuid().ToString("N")[..8]);
            _otherDeployment = await TestDatabase.ForAsync("hosts_" + Guid.NewGuid().ToString("N")[..8]);
            await _mail.StartAsync();
            await Redis.StartAsync();
            // One after the other: the first applies the schema, the others find it.
            _a = await StartAsync(_connectionString, "schakel-test:one:");
            _b = await StartAsync(_connectionString, "schakel-test:one:");
            _c = await StartAsync(_otherDeployment, "schakel-test:two:");
        }

        private Task<IAlbaHost> StartAsync(string connectionString, string channelPrefix) =>
            SchakelApp.StartHostAsync(connectionString, _mail, solo: false, configureHost: builder =>
            {
                builder.UseSetting("Schakel:Live:Redis", Redis.ConnectionString);
                builder.UseSetting("Schakel:Live:RedisChannelPrefix", channelPrefix);
            });

        public async Task<(Guid Hospital, Guid Practice)> AHospitalAndAPracticeAsync()
        {
            var given = new Given(A.Services);
            var hospital = await given.AHospitalAsync();
            var practice = await given.APracticeAsync();
            await OpenConsultationPools.OpenAsync(A.Services.GetRequiredService<IDocumentStore>(), hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
            // The other deployment knows the same hospital and practice (same ids) in its own database.
            using (var scope = C.Services.CreateScope())
            {
                var identity = scope.ServiceProvider.GetRequiredService<Schakel.Host.Identity.IdentityStore>();
                identity.Organisations.Add(new Schakel.Host.Identity.Organisation
                {
                    Id = hospital, Kind = OrganisationKind.Hospital, Name = "Testziekenhuis", AgbCode = "06000001", Pools = [SpecialtyPool.InternalMedicine, SpecialtyPool.Rheumatology],
                });
                identity.Organisations.Add(new Schakel.Host.Identity.Organisation { Id = practice, Kind = OrganisationKind.GpPractice, Name = "Huisartsenpraktijk Test", AgbCode = "01000001" });
                await identity.SaveChangesAsync();
            }

            await OpenConsultationPools.OpenAsync(C.Services.GetRequiredService<IDocumentStore>(), hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
            return (hospital, practice);
        }

        public async Task DisposeAsync()
        {
            foreach (var host in new[] { _c, _b, _a })
            {
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }

            await Redis.DisposeAsync();
            await _mail.DisposeAsync();
            if (_connectionString.Length == 0)
            {
                return;
            }

            foreach (var database in new[] { _connectionString, _otherDeployment }.Where(c => c.Length > 0))
            {
                await TestDatabase.DropAsync(database);
            }
        }
    }
}
