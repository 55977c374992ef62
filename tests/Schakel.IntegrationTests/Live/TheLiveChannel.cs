using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Alba;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Host.Identity;
using Schakel.Host.Live;
using Schakel.IntegrationTests.Identity;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Live;

/// <summary>
/// The portal's live channel (/hubs/live) over the test server, with the .NET SignalR client on
/// long polling and the portal cookie of a real sign-in: who hears which question, and who cannot
/// connect at all.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheLiveChannel(IntegrationApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Given _given = new(app);

    [Fact]
    public async Task the_asking_practice_and_the_answering_pool_hear_of_a_question_and_nobody_else_does()
    {
        var practiceA = await _given.APracticeAsync("Praktijk A");
        var practiceB = await _given.APracticeAsync("Praktijk B");
        var hospital = await AHospitalWithOpenPoolsAsync();
        var otherHospital = await AHospitalWithOpenPoolsAsync();

        await using var gpA = await ListenerAsync(SchakelRoles.GeneralPractitioner, practiceA);
        await using var rheumatologist = await ListenerAsync(SchakelRoles.Rheumatologist, hospital, SpecialtyPool.Rheumatology);
        await using var gpB = await ListenerAsync(SchakelRoles.GeneralPractitioner, practiceB);
        await using var internist = await ListenerAsync(SchakelRoles.Internist, hospital, SpecialtyPool.InternalMedicine);
        await using var rheumatologistElsewhere = await ListenerAsync(SchakelRoles.Rheumatologist, otherHospital, SpecialtyPool.Rheumatology);

        var question = await PostAsync(TestUsers.Gp(practiceA) with { UserId = gpA.Person.Id }, hospital, SpecialtyPool.Rheumatology);

        Assert.Equal((question, "Posted"), Read(await gpA.NextAsync()));
        Assert.Equal((question, "Posted"), Read(await rheumatologist.NextAsync()));

        // Barriers: a later question for each of the others' own groups. What they hear first must be that one.
        var forB = await PostAsync(TestUsers.Gp(practiceB) with { UserId = gpB.Person.Id }, otherHospital, SpecialtyPool.Rheumatology);
        var forInternist = await PostAsync(TestUsers.Gp(practiceB) with { UserId = gpB.Person.Id }, hospital, SpecialtyPool.InternalMedicine);

        Assert.Equal(forB, Read(await rheumatologistElsewhere.NextAsync()).Question);
        Assert.Equal(forInternist, Read(await internist.NextAsync()).Question);
        var heardByB = new[] { Read(await gpB.NextAsync()).Question, Read(await gpB.NextAsync()).Question };
        Assert.Equal([forB, forInternist], heardByB.Order());
        Assert.False(rheumatologistElsewhere.HasMore || internist.HasMore || gpB.HasMore, "Someone outside practice A and the rheumatology pool heard of its question.");
        Assert.False(gpA.HasMore || rheumatologist.HasMore, "Practice A or the rheumatology pool heard of a question of another practice and pool.");
    }

    [Fact]
    public async Task a_poke_holds_the_question_id_and_the_kind_of_change_and_nothing_else()
    {
        var practice = await _given.APracticeAsync();
        var hospital = await AHospitalWithOpenPoolsAsync();
        await using var gp = await ListenerAsync(SchakelRoles.GeneralPractitioner, practice);
        var rheumatologistUser = TestUsers.Rheumatologist(hospital);

        var question = await PostAsync(TestUsers.Gp(practice) with { UserId = gp.Person.Id }, hospital, SpecialtyPool.Rheumatology);
        await app.Host.Scenario(s =>
        {
            s.As(rheumatologistUser);
            s.Post.Url($"/api/consultations/{question}/claim");
            s.StatusCodeShouldBe(200);
        });

        foreach (var expected in new[] { "Posted", "Claimed" })
        {
            var poke = await gp.NextAsync();
            Assert.Equal(["change", "questionId"], poke.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal((question, expected), Read(poke));
        }
    }

    [Fact]
    public async Task without_the_portal_cookie_the_hub_answers_401()
    {
        using var stranger = new PortalClient(app.Host.Server);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(stranger));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task a_valid_bearer_token_opens_the_api_but_not_the_hub_neither_in_the_header_nor_in_the_query_string()
    {
        var (browser, _, tokens, _) = await OpenIdConnectFlows.UserTokensAsync(app, _given);
        browser.Dispose();
        var token = tokens.GetProperty("access_token").GetString()!;
        using var client = new PortalClient(app.Host.Server);
        var api = new HttpRequestMessage(HttpMethod.Get, "/api/socialmap/coverage");
        api.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(api)).StatusCode);

        var inHeader = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(client, accessToken: token));
        var inQuery = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(client, query: $"?access_token={Uri.EscapeDataString(token)}"));

        Assert.Equal(HttpStatusCode.Unauthorized, inHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);
    }

    [Fact]
    public async Task signing_out_closes_the_live_connection_of_that_session()
    {
        await using var gp = await ListenerAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());

        var html = await (await gp.Browser.GetAsync("/account")).Content.ReadAsStringAsync();
        var form = System.Text.RegularExpressions.Regex.Match(html, "<form method=\"post\" class=\"logout\" action=\"/uitloggen\">(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(form.Success, "The layout has no sign-out form.");
        Assert.Equal(HttpStatusCode.Redirect, (await gp.Browser.PostFormAsync(form.Groups[1].Value, "/uitloggen", new Dictionary<string, string>())).StatusCode);

        await gp.Closed.WaitAsync(Patience);
        Assert.Equal(HubConnectionState.Disconnected, gp.Connection.State);
    }

    [Fact]
    public async Task a_session_ended_elsewhere_closes_the_connection_at_the_next_check()
    {
        var practice = await _given.APracticeAsync();
        await using var ended = await ListenerAsync(SchakelRoles.GeneralPractitioner, practice);
        await using var going = await ListenerAsync(SchakelRoles.PracticeNurse, practice);

        // As another host would: the session's row goes, and this host hears nothing of it.
        var stores = app.Host.Services.GetRequiredService<IDbContextFactory<IdentityStore>>();
        await using (var store = await stores.CreateDbContextAsync())
        {
            await store.Sessions.Where(s => s.AccountId == ended.Person.Id).ExecuteDeleteAsync();
        }

        await app.Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LiveSessionCheck>().Single().CheckAsync(CancellationToken.None);

        await ended.Closed.WaitAsync(Patience);
        Assert.Equal(HubConnectionState.Connected, going.Connection.State);
    }

    private async Task<Guid> AHospitalWithOpenPoolsAsync()
    {
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.InternalMedicine, SpecialtyPool.Rheumatology], CancellationToken.None);
        return hospital;
    }

    private async Task<Guid> PostAsync(CareUser gp, Guid hospital, SpecialtyPool pool)
    {
        var question = new PostQuestion(hospital, pool, null,
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

    private static (Guid Question, string Change) Read(JsonElement poke) =>
        (poke.GetProperty("questionId").GetGuid(), poke.GetProperty("change").GetString()!);

    /// <summary>Someone with an account signed in through the login pages, listening on the hub with that session's cookie.</summary>
    private async Task<Listener> ListenerAsync(string role, Guid organisation, SpecialtyPool? pool = null)
    {
        var person = await _given.AnAccountAsync(role, organisation, pool: pool);
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, person);
        var connection = Connection(browser);
        var listener = new Listener(person, browser, connection);
        await connection.StartAsync();
        return listener;
    }

    private HubConnection Connection(PortalClient browser, string? accessToken = null, string query = "") =>
        new HubConnectionBuilder()
            .WithUrl(new Uri("https://localhost" + LiveHub.Path + query), o =>
            {
                o.HttpMessageHandlerFactory = _ => browser.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (accessToken is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }
            })
            .Build();

    private async Task ConnectAsync(PortalClient browser, string? accessToken = null, string query = "")
    {
        await using var connection = Connection(browser, accessToken, query);
        await connection.StartAsync();
    }

    private sealed class Listener : IAsyncDisposable
    {
        private readonly Channel<JsonElement> _pokes = Channel.CreateUnbounded<JsonElement>();
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Listener(Person person, PortalClient browser, HubConnection connection)
        {
            Person = person;
            Browser = browser;
            Connection = connection;
            connection.On<JsonElement>(LiveHub.QuestionChanged, poke => _pokes.Writer.TryWrite(poke));
            connection.Closed += _ =>
            {
                _closed.TrySetResult();
                return Task.CompletedTask;
            };
        }

        public Person Person { get; }

        public PortalClient Browser { get; }

        public HubConnection Connection { get; }

        public Task Closed => _closed.Task;

        public bool HasMore => _pokes.Reader.TryPeek(out _);

        public async Task<JsonElement> NextAsync() => await _pokes.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            Browser.Dispose();
        }
    }
}
