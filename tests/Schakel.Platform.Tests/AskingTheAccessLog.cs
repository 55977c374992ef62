using Schakel.BuildingBlocks.Portal;
using Schakel.Host.Audit;

namespace Schakel.Platform.Tests;

/// <summary>The shape of a question to the access log, decided before anything is read or logged.</summary>
public sealed class AskingTheAccessLog
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(1));

    private static Dictionary<string, string[]> ProblemsWith(SearchAccessLog query) =>
        new SearchAccessLog.Validator().Validate(query).Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());

    [Fact]
    public void a_question_without_any_filter_is_fine()
    {
        Assert.Empty(ProblemsWith(new SearchAccessLog()));
    }

    [Fact]
    public void a_period_of_one_moment_is_fine_but_one_that_ends_before_it_starts_is_not()
    {
        Assert.Empty(ProblemsWith(new SearchAccessLog(From: Noon, To: Noon)));

        var problems = ProblemsWith(new SearchAccessLog(From: Noon, To: Noon.AddSeconds(-1)));

        Assert.Equal(["Het einde van de periode ligt vóór het begin. Kies een einddatum op of na de begindatum."], problems["To"]);
    }

    [Theory]
    [InlineData("123456782")]
    [InlineData("123 456 782")]
    [InlineData("123-45-6782")]
    [InlineData("patiënt 123456782")]
    public void a_bsn_is_never_a_search_term(string bsn)
    {
        Assert.Equal(["Zoek op de pseudonieme patiëntreferentie, nooit op een BSN."], ProblemsWith(new SearchAccessLog(Patient: bsn))["Patient"]);
    }

    [Fact]
    public void a_bsn_is_not_a_user_either()
    {
        Assert.Equal(["Zoek een gebruiker op naam of id, nooit op een BSN."], ProblemsWith(new SearchAccessLog(User: "123456782"))["User"]);
    }

    [Fact]
    public void a_user_id_whose_hex_holds_eleven_proof_digits_is_a_fine_search_term()
    {
        // The last group holds 111222333, which passes the eleven-proof; it is still a user id.
        Assert.Empty(ProblemsWith(new SearchAccessLog(User: "0199a1b2-c3d4-7e5f-8a6b-111222333abc")));
    }

    [Theory]
    [InlineData("123456789")] // nine digits, but the eleven-proof fails
    [InlineData("pat-0198f3a0-1234-7000-8000-123456789012")]
    [InlineData("*")]
    public void a_pseudonymous_reference_is_a_fine_search_term(string reference)
    {
        Assert.Empty(ProblemsWith(new SearchAccessLog(Patient: reference)));
    }

    [Theory]
    [InlineData(0, 50, "Page")]
    [InlineData(1, 0, "PageSize")]
    [InlineData(1, 201, "PageSize")]
    public void pages_start_at_one_and_hold_at_most_two_hundred_entries(int page, int size, string field)
    {
        Assert.Equal([field], ProblemsWith(new SearchAccessLog(Page: page, PageSize: size)).Keys);
    }

    [Fact]
    public void a_page_of_two_hundred_is_the_most_one_may_ask()
    {
        Assert.Empty(ProblemsWith(new SearchAccessLog(Page: 3, PageSize: SearchAccessLog.MaxPageSize)));
    }

    [Theory]
    [InlineData(2026, 3, 29, "2026-03-28T23:00:00Z", "2026-03-29T21:59:59.999999Z")] // clocks go forward: a 23-hour day
    [InlineData(2026, 10, 25, "2026-10-24T22:00:00Z", "2026-10-25T22:59:59.999999Z")] // clocks go back: a 25-hour day
    [InlineData(2026, 11, 24, "2026-11-23T23:00:00Z", "2026-11-24T22:59:59.999999Z")]
    public void a_dutch_calendar_day_covers_exactly_that_day_in_dutch_time(int year, int month, int day, string start, string end)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DutchTime.StartOf(date));
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), DutchTime.EndOf(date));
    }
}
