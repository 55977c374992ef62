using Alba;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Search;
using Schakel.Testing;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>
/// A GP searches the social map from a patient's postcode: known locations around Tilburg and
/// 's-Hertogenbosch, each filter, paging, and bad postcodes, against the real search table.
/// Distances are between PC4 centres (independently computed: 5042 to 5044 is 1.27 km).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SearchingTheSocialMap(IntegrationApp app) : IAsyncLifetime
{
    private static readonly CareUser Coordinator = TestUsers.Coordinator();
    private static readonly CareUser Gp = TestUsers.Gp(Guid.CreateVersion7());

    public async Task InitializeAsync()
    {
        await app.ResetDataAsync();
        // Tilburg-Noord (the origin 5042), the Reeshof next door, Goirle, Oisterwijk; 's-Hertogenbosch and Rosmalen.
        await SocialMapEntries.ListAsync(app, SocialMapEntries.Physio("Fysio Noord", "5042 AB") with
        {
            Offers = [FallsPreventionOffer.VallenVerledenTijd, FallsPreventionOffer.BalanceAndStrengthTraining],
            HomeVisits = true, Languages = ["nl", "tr"], FundingRoutes = [FundingRoute.BasicInsurance], WaitingWeeks = 2,
        });
        await SocialMapEntries.ListAsync(app, SocialMapEntries.Exercise("Oefentherapie Reeshof", "5044 LA") with
        {
            Offers = [FallsPreventionOffer.InBalans], AcceptingPatients = false, FundingRoutes = [FundingRoute.SupplementaryInsurance],
        });
        await SocialMapEntries.ListAsync(app, SocialMapEntries.Occupational("Ergotherapie Goirle", "5051 EB") with
        {
            HomeVisits = true, FundingRoutes = [FundingRoute.Municipality, FundingRoute.BasicInsurance],
        });
        await SocialMapEntries.ListAsync(app, SocialMapEntries.Physio("Fysio Oisterwijk", "5062 XH") with { Offers = [FallsPreventionOffer.Otago] });
        await SocialMapEntries.ListAsync(app, SocialMapEntries.Physio("Fysio Den Bosch Centrum", "5211 AB") with { Offers = [FallsPreventionOffer.Otago], Languages = ["nl", "ar"] });
        await SocialMapEntries.ListAsync(app, SocialMapEntries.Physio("Fysio Boschveld", "5223 AA") with { Offers = [FallsPreventionOffer.InBalans] });
        await SocialMapEntries.ListAsync(app, SocialMapEntries.Occupational("Ergotherapie Rosmalen", "5241 AA"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<SearchResults> SearchAsync(string query)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Get.Url($"/api/socialmap/search?{query}");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<SearchResults>())!;
    }

    private static IReadOnlyList<(string, double)> Found(SearchResults results) =>
        results.Results.Select(r => (r.Location.PracticeName, r.DistanceKm)).ToList();

    [Fact]
    public async Task from_tilburg_the_locations_within_10_km_come_nearest_first()
    {
        var results = await SearchAsync("postcode=5042");

        Assert.Equal([("Fysio Noord", 0.0), ("Oefentherapie Reeshof", 1.3), ("Ergotherapie Goirle", 7.1)], Found(results));
        Assert.Equal((3, 10, "5042", "Tilburg"), (results.Total, results.RadiusKm, results.Origin.Postcode, results.Origin.Municipality));
    }

    [Fact]
    public async Task a_wider_radius_reaches_s_hertogenbosch_and_stops_at_its_edge()
    {
        var results = await SearchAsync("postcode=5042+AB&radiusKm=25");

        Assert.Equal(
            [("Fysio Noord", 0.0), ("Oefentherapie Reeshof", 1.3), ("Ergotherapie Goirle", 7.1), ("Fysio Oisterwijk", 10.6), ("Fysio Boschveld", 20.6), ("Fysio Den Bosch Centrum", 21.7)],
            Found(results));
    }

    [Fact]
    public async Task from_s_hertogenbosch_the_tilburg_locations_are_out_of_reach()
    {
        var results = await SearchAsync("postcode=5211");

        Assert.Equal([("Fysio Den Bosch Centrum", 0.0), ("Fysio Boschveld", 1.5), ("Ergotherapie Rosmalen", 4.9)], Found(results));
        Assert.Equal("'s-Hertogenbosch", results.Origin.Municipality);
    }

    [Theory]
    [InlineData("discipline=ExerciseTherapist", new[] { "Oefentherapie Reeshof" })]
    [InlineData("discipline=OccupationalTherapist", new[] { "Ergotherapie Goirle" })]
    [InlineData("offer=VallenVerledenTijd", new[] { "Fysio Noord" })]
    [InlineData("offer=Otago", new[] { "Fysio Oisterwijk", "Fysio Den Bosch Centrum" })]
    [InlineData("funding=Municipality", new[] { "Ergotherapie Goirle" })]
    [InlineData("funding=BasicInsurance", new[] { "Fysio Noord", "Ergotherapie Goirle" })]
    [InlineData("homeVisits=true", new[] { "Fysio Noord", "Ergotherapie Goirle" })]
    [InlineData("language=tr", new[] { "Fysio Noord" })]
    [InlineData("language=AR", new[] { "Fysio Den Bosch Centrum" })]
    [InlineData("accepting=false", new[] { "Oefentherapie Reeshof" })]
    [InlineData("accepting=true&discipline=ExerciseTherapist", new string[0])]
    [InlineData("offer=VallenVerledenTijd&homeVisits=true&language=tr", new[] { "Fysio Noord" })]
    public async Task each_filter_narrows_the_results(string filter, string[] expected)
    {
        var results = await SearchAsync($"postcode=5042&radiusKm=25&{filter}");

        Assert.Equal(expected, results.Results.Select(r => r.Location.PracticeName));
        Assert.Equal(expected.Length, results.Total);
    }

    [Fact]
    public async Task results_come_in_pages_with_the_total()
    {
        var second = await SearchAsync("postcode=5042&radiusKm=25&pageSize=2&page=2");
        var beyond = await SearchAsync("postcode=5042&radiusKm=25&pageSize=2&page=4");

        Assert.Equal(["Ergotherapie Goirle", "Fysio Oisterwijk"], second.Results.Select(r => r.Location.PracticeName));
        Assert.Equal((6, 2, 2), (second.Total, second.Page, second.PageSize));
        Assert.Empty(beyond.Results);
        Assert.Equal(6, beyond.Total);
    }

    [Fact]
    public async Task a_result_carries_what_a_gp_needs_to_choose_and_is_fresh()
    {
        var hit = (await SearchAsync("postcode=5042&offer=VallenVerledenTijd")).Results.Single();

        Assert.Equal(
            (true, (int?)2, true, false, "5042 AB", "Tilburg"),
            (hit.Location.HomeVisits, hit.Location.WaitingWeeks, hit.Location.AcceptingPatients, hit.Stale, hit.Location.Address.Postcode, hit.Location.Municipality));
        Assert.Equal(["nl", "tr"], hit.Location.Languages);
        Assert.Equal([TherapistDiscipline.Physiotherapist], hit.Location.Disciplines);
    }

    [Theory]
    [InlineData("postcode=50421", "Vul een postcode in: vier cijfers, eventueel met twee letters (bijvoorbeeld 5042 of 5042 AB).")]
    [InlineData("postcode=", "Vul een postcode in: vier cijfers, eventueel met twee letters (bijvoorbeeld 5042 of 5042 AB).")]
    [InlineData("postcode=%3Cscript%3E", "Vul een postcode in: vier cijfers, eventueel met twee letters (bijvoorbeeld 5042 of 5042 AB).")]
    [InlineData("postcode=1000", "Postcode 1000 kennen we niet. Controleer de cijfers, of zoek vanaf een postcode in de buurt.")]
    public async Task a_bad_or_unknown_postcode_gets_a_clear_problem(string query, string message)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Get.Url($"/api/socialmap/search?{query}");
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        var problem = await result.ReadAsJsonAsync<ValidationProblemDetails>();
        Assert.Equal([message], problem!.Errors["postcode"]);
    }

    [Fact]
    public async Task a_bad_filter_is_named_in_the_problem()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Get.Url("/api/socialmap/search?postcode=5042&radiusKm=500&offer=Yoga&pageSize=0");
            s.StatusCodeShouldBe(400);
        });

        var problem = await result.ReadAsJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["offer", "pageSize", "radiusKm"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
