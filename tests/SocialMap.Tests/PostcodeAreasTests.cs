using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Tests;

public sealed class PostcodeAreasTests
{
    private static readonly PostcodeAreas Areas = PostcodeAreas.LoadEmbedded();

    [Fact]
    public void the_embedded_file_covers_the_netherlands()
    {
        Assert.InRange(Areas.Count, 3_000, 5_000);
    }

    [Theory]
    [InlineData("5032 AB", "Tilburg")]
    [InlineData("1011ab", "Amsterdam")]
    public void a_postcode_finds_the_municipality_of_its_area(string postcode, string municipality)
    {
        Assert.Equal(municipality, Areas.Find(postcode)?.Municipality);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData(null)]
    [InlineData("0999")]
    public void an_unknown_or_malformed_postcode_finds_nothing(string? postcode)
    {
        Assert.Null(Areas.Find(postcode));
    }
}

public sealed class ReadingThePostcodeFile
{
    [Fact]
    public void a_quoted_municipality_may_hold_a_comma()
    {
        var areas = PostcodeAreas.Parse(new StringReader("postcode4,municipality,latitude,longitude\n5671,\"Nuenen, Gerwen En Nederwetten\",51.4746,5.5475\n"));

        Assert.Equal(new PostcodeArea("5671", "Nuenen, Gerwen En Nederwetten", 51.4746, 5.5475), areas.FindArea("5671"));
    }

    [Fact]
    public void nuenen_is_found_under_its_full_name()
    {
        Assert.Equal("Nuenen, Gerwen En Nederwetten", PostcodeAreas.LoadEmbedded().Find("5671 AA")?.Municipality);
    }
}
