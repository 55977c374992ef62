using Schakel.SocialMap.Search;

namespace Schakel.SocialMap.Tests;

public sealed class RankingResults
{
    private static SearchCandidate A(string name, double km, bool accepting = true, int? waiting = null, bool stale = false, Guid? id = null) =>
        new(id ?? Guid.CreateVersion7(), name, km, accepting, waiting, stale);

    private static IReadOnlyList<string> Ranked(params SearchCandidate[] candidates) =>
        candidates.Order(SearchRanking.Instance).Select(c => c.PracticeName).ToList();

    [Fact]
    public void the_nearest_comes_first()
    {
        Assert.Equal(["near", "middle", "far"], Ranked(A("far", 9.0), A("near", 0.4), A("middle", 3.2)));
    }

    [Fact]
    public void distance_outranks_everything_else()
    {
        Assert.Equal(["near but full", "far but open"], Ranked(A("far but open", 2.0), A("near but full", 1.0, accepting: false, stale: true)));
    }

    [Fact]
    public void at_the_same_distance_those_accepting_patients_come_first_then_the_shortest_wait()
    {
        Assert.Equal(
            ["open, 1 week", "open, 4 weeks", "open, wait unknown", "full"],
            Ranked(A("full", 1.2, accepting: false, waiting: 0), A("open, wait unknown", 1.2), A("open, 4 weeks", 1.2, waiting: 4), A("open, 1 week", 1.2, waiting: 1)));
    }

    [Fact]
    public void distances_within_the_same_100_metres_count_as_equal()
    {
        Assert.Equal(["open", "full"], Ranked(A("full", 1.21, accepting: false), A("open", 1.24)));
        Assert.Equal(["full", "open"], Ranked(A("full", 1.14, accepting: false), A("open", 1.16)));
    }

    [Fact]
    public void fresh_entries_come_before_stale_ones_and_names_settle_the_rest_in_dutch_order()
    {
        Assert.Equal(
            ["Fysio Aa", "fysio Berg", "Fysio Ça", "stale"],
            Ranked(A("stale", 2, stale: true), A("Fysio Ça", 2), A("fysio Berg", 2), A("Fysio Aa", 2)));
    }

    [Fact]
    public void the_order_is_total_so_paging_is_stable()
    {
        var first = Guid.Parse("00000000-0000-7000-8000-000000000001");
        var second = Guid.Parse("00000000-0000-7000-8000-000000000002");

        Assert.Equal([first, second], new[] { A("Twin", 1, id: second), A("Twin", 1, id: first) }.Order(SearchRanking.Instance).Select(c => c.Id));
    }

    [Theory]
    [InlineData(3.25, 3.3)]
    [InlineData(3.249, 3.2)]
    [InlineData(0.04, 0.0)]
    public void distances_are_shown_to_100_metres(double km, double shown)
    {
        Assert.Equal(shown, SearchRanking.Rounded(km));
    }
}
