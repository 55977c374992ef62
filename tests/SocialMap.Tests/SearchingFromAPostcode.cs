using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Geography;
using Schakel.SocialMap.Search;

namespace Schakel.SocialMap.Tests;

public sealed class SearchingFromAPostcode
{
    private static readonly PostcodeAreas Areas = PostcodeAreas.LoadEmbedded();

    [Theory]
    [InlineData("5042", "5042")]
    [InlineData("5042AB", "5042")]
    [InlineData("5042 ab", "5042")]
    [InlineData("  5042   AB ", "5042")]
    [InlineData("5211", "5211")]
    public void four_digits_or_four_digits_and_two_letters_give_the_four_digits(string text, string digits)
    {
        Assert.Equal(digits, PostcodeQuery.Digits(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("504")]
    [InlineData("50421")]
    [InlineData("0420")]
    [InlineData("5042 A")]
    [InlineData("5042 ABC")]
    [InlineData("5042 SS")]
    [InlineData("Tilburg")]
    [InlineData("5042-AB")]
    public void anything_else_is_not_a_postcode(string? text)
    {
        Assert.Null(PostcodeQuery.Digits(text));
        Assert.Equal(PostcodeQuery.Invalid, PostcodeQuery.Resolve(text, Areas).Problem);
    }

    [Fact]
    public void a_well_formed_postcode_without_an_area_gets_its_own_message()
    {
        var (area, problem) = PostcodeQuery.Resolve("1000 AA", Areas);

        Assert.Null(area);
        Assert.Equal("Postcode 1000 kennen we niet. Controleer de cijfers, of zoek vanaf een postcode in de buurt.", problem);
    }

    [Fact]
    public void a_known_postcode_is_placed_at_its_areas_centre()
    {
        var (area, problem) = PostcodeQuery.Resolve("5042 XY", Areas);

        Assert.Null(problem);
        Assert.Equal(new PostcodeArea("5042", "Tilburg", 51.5712, 5.0545), area);
    }

    [Fact]
    public void criteria_default_to_ten_km_the_first_page_and_twenty_results()
    {
        var (criteria, errors) = SearchCriteria.Parse(Areas, "5042", null, null, null, null, null, null, null, null, null);

        Assert.Empty(errors);
        Assert.Equal((10, 1, 20), (criteria!.RadiusKm, criteria.Page, criteria.PageSize));
        Assert.Null(criteria.Discipline);
    }

    [Fact]
    public void filters_are_read_by_their_names_in_any_case()
    {
        var (criteria, errors) = SearchCriteria.Parse(
            Areas, "5042", "25", "physiotherapist", "VallenVerledenTijd", "basicinsurance", "true", "TR", "false", "2", "50");

        Assert.Empty(errors);
        Assert.Equal(
            new SearchCriteria(Areas.FindArea("5042")!, 25, TherapistDiscipline.Physiotherapist, FallsPreventionOffer.VallenVerledenTijd, FundingRoute.BasicInsurance,
                true, "tr", false, 2, 50),
            criteria);
    }

    [Fact]
    public void every_wrong_field_is_named_at_once_in_dutch()
    {
        var (criteria, errors) = SearchCriteria.Parse(Areas, "abc", "0", "Surgeon", "3", "Lottery", "misschien", "xx", "ja", "0", "1000");

        Assert.Null(criteria);
        Assert.Equal(
            ["accepting", "discipline", "funding", "homeVisits", "language", "offer", "page", "pageSize", "postcode", "radiusKm"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Kies een straal van 1 tot 100 km."], errors["radiusKm"]);
        Assert.Equal([PostcodeQuery.Invalid], errors["postcode"]);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("2.5")]
    [InlineData("1e2")]
    public void the_radius_is_a_whole_number_of_km_up_to_100(string radius)
    {
        var (_, errors) = SearchCriteria.Parse(Areas, "5042", radius, null, null, null, null, null, null, null, null);

        Assert.True(errors.ContainsKey("radiusKm"));
    }
}
