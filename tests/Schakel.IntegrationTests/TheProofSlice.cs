using Alba;
using Marten;
using Marten.Events;
using Wolverine.Http;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.FallsPrevention;
using Schakel.Testing;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Coverage;
using Schakel.SocialMap.Directory;
using Wolverine;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests;

/// <summary>
/// One use case through every layer: HTTP, Wolverine handler, Marten events, an inline snapshot
/// and an inline SQL projection (the search table), and an outbox message handled by another module.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheProofSlice(IntegrationApp app) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static TherapistLocationEntry AListing(string practice, string postcode, params TherapistEntry[] therapists) => new(
        practice, "04112233", "Stationsstraat", "1", postcode, "Tilburg", "013-1234567", null,
        therapists.Length > 0 ? therapists : [new TherapistEntry("Eva Bakker", TherapistDiscipline.Physiotherapist, "04000011", "19012345601")],
        [FallsPreventionOffer.Otago]);

    private static readonly CareUser Coordinator = TestUsers.Coordinator();
    private static readonly CareUser Gp = TestUsers.Gp(Guid.CreateVersion7());

    private Task<IScenarioResult> List(TherapistLocationEntry listing) => app.Host.Scenario(s =>
    {
        s.As(Coordinator);
        s.Post.Json(listing).ToUrl("/api/socialmap/locations");
        s.StatusCodeShouldBe(201);
    });

    [Fact]
    public async Task a_listed_location_can_be_read_back_at_once()
    {
        var result = await List(AListing("Fysio Centrum", "5038 ab"));
        var created = await result.ReadAsJsonAsync<LocationView>();

        var location = await (await app.Host.Scenario(s => s.As(Gp).Get.Url(result.Context.Response.Headers.Location!))).ReadAsJsonAsync<LocationView>();

        Assert.Equal(created!.Id, location!.Id);
        Assert.Equal("Fysio Centrum", location.PracticeName);
        Assert.Equal("5038 AB", location.Address.Postcode);
        Assert.Equal("Tilburg", location.Municipality);
    }

    [Fact]
    public async Task the_coverage_per_municipality_counts_locations_per_discipline_at_once()
    {
        await List(AListing("Fysio Noord", "5038 AB"));
        await List(AListing("Ergo Zuid", "5022 AA",
            new TherapistEntry("Fleur Hendriks", TherapistDiscipline.OccupationalTherapist, "04000012", null),
            new TherapistEntry("Gijs van Dijk", TherapistDiscipline.Physiotherapist, "04000013", "19012345602")));

        var coverage = await (await app.Host.Scenario(s => s.As(Gp).Get.Url("/api/socialmap/coverage"))).ReadAsJsonAsync<MunicipalityCoverage[]>();
        var tilburg = Assert.Single(coverage!);
        Assert.Equal(new MunicipalityCoverage("Tilburg", 2, 2, 0, 1, 0), tilburg);
    }

    [Fact]
    public async Task the_referral_module_learns_of_the_location_through_the_outbox()
    {
        var tracked = await app.Host.TrackActivity().Timeout(Patience).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ =>
            List(AListing("Oefentherapie Oost", "5041 AA"))));

        // Heard by the referral module and by the indicators, each through its own endpoint.
        var handled = Assert.Single(tracked.Executed.MessagesOf<TherapistLocationListedIntegrationEvent>().DistinctBy(m => m.LocationId));
        var providers = await (await app.Host.Scenario(s => s.As(Gp).Get.Url("/api/referral/falls-prevention-providers?offer=Otago"))).ReadAsJsonAsync<FallsPreventionProvider[]>();
        var provider = Assert.Single(providers!);
        Assert.Equal(handled.LocationId, provider.Id);
        Assert.Equal("Oefentherapie Oost", provider.PracticeName);
    }

    [Fact]
    public async Task the_same_integration_event_twice_changes_nothing_in_the_referral_module()
    {
        var message = new TherapistLocationListedIntegrationEvent(
            Guid.CreateVersion7(), "Fysio Dubbel", "5038 AB", "Tilburg", "Tilburg",
            [TherapistDiscipline.Physiotherapist], [FallsPreventionOffer.InBalans], DateTimeOffset.UtcNow);

        // Published (not invoked): the message has handlers in two modules, each on its own endpoint.
        await app.Host.TrackActivity().Timeout(Patience).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(c => c.PublishAsync(message).AsTask()));
        await app.Host.TrackActivity().Timeout(Patience).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(c => c.PublishAsync(message with { PracticeName = "Should not overwrite" }).AsTask()));

        await using var session = app.Store.QuerySession();
        var provider = Assert.Single(await session.Query<FallsPreventionProvider>().ToListAsync());
        Assert.Equal("Fysio Dubbel", provider.PracticeName);
    }

    [Fact]
    public async Task a_bad_postcode_gets_a_problem_with_a_dutch_field_message_and_stores_nothing()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Post.Json(AListing("Fysio Fout", "12345")).ToUrl("/api/socialmap/locations");
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        var problem = await result.ReadAsJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal(["Vul een postcode in zoals 5042 AB."], problem!.Errors["postcode"]);
        await using var session = app.Store.QuerySession();
        Assert.Equal(0, await session.Events.QueryAllRawEvents().CountAsync());
    }

    [Fact]
    public async Task the_api_speaks_enum_names_on_the_wire()
    {
        const string json = """
            {"practiceName":"Ergo West","practiceAgbCode":"26000001","street":"Ringbaan-West","houseNumber":"5",
             "postcode":"5038 AB","city":"Tilburg",
             "therapists":[{"name":"Hanna Kok","discipline":"OccupationalTherapist","agbCode":"26000002"}],
             "offers":["HomeSafetyAssessment","FearOfFalling"]}
            """;
        var result = await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Post.Text(json).ToUrl("/api/socialmap/locations");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(201);
        });
        var read = await app.Host.Scenario(s => s.As(Gp).Get.Url(result.Context.Response.Headers.Location!));

        var body = await read.ReadAsTextAsync();
        Assert.Contains("\"OccupationalTherapist\"", body, StringComparison.Ordinal);
        Assert.Contains("\"HomeSafetyAssessment\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_enum_number_instead_of_a_name_is_refused()
    {
        const string json = """
            {"practiceName":"Ergo Nummer","practiceAgbCode":"26000001","street":"Ringbaan-West","houseNumber":"5",
             "postcode":"5038 AB","city":"Tilburg",
             "therapists":[{"name":"Hanna Kok","discipline":2,"agbCode":"26000002"}],
             "offers":[5]}
            """;
        await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Post.Text(json).ToUrl("/api/socialmap/locations");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
    }

    [Fact]
    public async Task an_unknown_location_is_a_not_found_problem()
    {
        await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Get.Url($"/api/socialmap/locations/{Guid.CreateVersion7()}");
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }
}
