using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Tests;

public sealed class MeasuringDistance
{
    private static readonly PostcodeAreas Areas = PostcodeAreas.LoadEmbedded();

    private static double Between(string from, string to)
    {
        var a = Areas.FindArea(from)!;
        var b = Areas.FindArea(to)!;
        return GreatCircle.DistanceKm(a.Latitude, a.Longitude, b.Latitude, b.Longitude);
    }

    [Fact]
    public void a_place_is_no_distance_from_itself()
    {
        Assert.Equal(0, Between("5042", "5042"), 9);
    }

    [Fact]
    public void distance_is_symmetric()
    {
        Assert.Equal(Between("5042", "5211"), Between("5211", "5042"), 9);
    }

    [Theory]
    // Reference figures: great-circle distances between the PC4 centres, computed independently
    // (haversine on a 6,378.168 km sphere, as PostgreSQL's earthdistance does).
    [InlineData("5042", "5211", 21.7)] // Tilburg-Noord to 's-Hertogenbosch centre
    [InlineData("5042", "5051", 7.1)] // to Goirle
    [InlineData("1011", "9711", 146.4)] // Amsterdam to Groningen
    public void known_distances_between_postcode_areas(string from, string to, double km)
    {
        Assert.Equal(km, Between(from, to), 1);
    }

    [Fact]
    public void one_degree_of_latitude_is_about_111_km()
    {
        Assert.Equal(111.3, GreatCircle.DistanceKm(51, 5, 52, 5), 1);
    }
}
