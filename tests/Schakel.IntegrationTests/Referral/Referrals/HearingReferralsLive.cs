using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Live;
using Schakel.IntegrationTests.Identity;
using Schakel.Referral.Referrals;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.Referrals;

/// <summary>
/// New referrals and the hospital's responses appear live (/hubs/live, real sign-ins): the referring
/// practice and everyone on the receiving hospital's side hear them, nobody else does.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HearingReferralsLive(IntegrationApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Given _given = new(app);

    [Fact]
    public async Task the_receiving_hospital_and_the_referring_practice_hear_of_a_referral_and_another_practice_does_not()
    {
        var practiceA = await _given.APracticeAsync("Praktijk A");
        var practiceB = await _given.APracticeAsync("Praktijk B");
        var hospital = await _given.AHospitalAsync();
        var otherHospital = await _given.AHospitalAsync();
        await app.JoinAgreementAsync(practiceA, hospital);
        await app.JoinAgreementAsync(practiceB, otherHospital);

        await using var gpA = await ListenerAsync(SchakelRoles.GeneralPractitioner, practiceA);
        await using var gpB = await ListenerAsync(SchakelRoles.GeneralPractitioner, practiceB);
        // An osteoporosis nurse has no pool: referrals reach the whole hospital side.
        await using var nurse = await ListenerAsync(SchakelRoles.OsteoporosisNurse, hospital);
        await using var nurseElsewhere = await ListenerAsync(SchakelRoles.OsteoporosisNurse, otherHospital);

        var referral = (await app.SendAsync(TestUsers.Gp(practiceA) with { UserId = gpA.Person.Id }, "/api/referrals", ReferralTesting.AReferral(hospital), 201)).Id;

        Assert.Equal((referral, "Made"), Read(await nurse.NextAsync()));
        Assert.Equal((referral, "Made"), Read(await gpA.NextAsync()));
        await app.SendAsync(TestUsers.Internist(hospital) with { UserId = nurse.Person.Id }, $"/api/referrals/{referral}/accept");
        var accepted = await gpA.NextAsync();
        Assert.Equal(["change", "referralId"], accepted.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal((referral, "Accepted"), Read(accepted));

        // A barrier: what practice B and the other hospital hear first must be their own referral.
        var theirs = (await app.SendAsync(TestUsers.Gp(practiceB) with { UserId = gpB.Person.Id }, "/api/referrals", ReferralTesting.AReferral(otherHospital), 201)).Id;
        Assert.Equal(theirs, Read(await gpB.NextAsync()).Referral);
        Assert.Equal(theirs, Read(await nurseElsewhere.NextAsync()).Referral);
        Assert.Equal((referral, "Accepted"), Read(await nurse.NextAsync()));
        Assert.False(gpB.HasMore || nurseElsewhere.HasMore, "Someone outside practice A and its hospital heard of its referral.");
        Assert.False(gpA.HasMore || nurse.HasMore, "Practice A or its hospital heard of another practice's referral.");
    }

    private static (Guid Referral, string Change) Read(JsonElement poke) =>
        (poke.GetProperty("referralId").GetGuid(), poke.GetProperty("change").GetString()!);

    private async Task<Listener> ListenerAsync(string role, Guid organisation)
    {
        var person = await _given.AnAccountAsync(role, organisation);
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, person);
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

        public Listener(Person person, PortalClient browser, HubConnection connection)
        {
            Person = person;
            Browser = browser;
            Connection = connection;
            connection.On<JsonElement>(LiveHub.ReferralChanged, poke => _pokes.Writer.TryWrite(poke));
        }

        public Person Person { get; }

        public PortalClient Browser { get; }

        public HubConnection Connection { get; }

        public bool HasMore => _pokes.Reader.TryPeek(out _);

        public async Task<JsonElement> NextAsync() => await _pokes.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            Browser.Dispose();
        }
    }
}
