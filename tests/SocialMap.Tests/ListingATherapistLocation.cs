using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Tests;

public sealed class ListingATherapistLocation
{
    private static readonly PostcodeAreas Areas = PostcodeAreas.LoadEmbedded();
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(1));

    internal static ListTherapistLocation ARequest(
        string postcode = "5038ab",
        IReadOnlyList<FallsPreventionOffer>? offers = null,
        IReadOnlyList<TherapistEntry>? therapists = null) =>
        new(
            " Fysiotherapie De Reeshof ",
            "04123456",
            "Bredaseweg",
            "12a",
            postcode,
            "Tilburg",
            "013-5441234",
            "info@fysio.example.nl",
            therapists ?? [new TherapistEntry("Anouk de Vries", TherapistDiscipline.Physiotherapist, "04000001", "19012345601"),
                           new TherapistEntry("Bram Janssen", TherapistDiscipline.Physiotherapist, "04000002", null)],
            offers ?? [FallsPreventionOffer.Otago, FallsPreventionOffer.InBalans, FallsPreventionOffer.Otago]);

    [Fact]
    public void the_listing_records_the_normalised_address_and_the_municipality_of_the_postcode_area()
    {
        var id = Guid.CreateVersion7();
        var (listed, _) = ListTherapistLocationEndpoint.Decide(id, ARequest(), Areas.Find("5038 AB")!, Now);

        Assert.Equal(id, listed.LocationId);
        Assert.Equal("Fysiotherapie De Reeshof", listed.PracticeName);
        Assert.Equal("5038 AB", listed.Address.Postcode);
        Assert.Equal("Tilburg", listed.Municipality);
        Assert.Equal(Now, listed.ListedAt);
    }

    [Fact]
    public void offers_named_twice_are_recorded_once()
    {
        var (listed, published) = ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), ARequest(), Areas.Find("5038 AB")!, Now);

        Assert.Equal([FallsPreventionOffer.InBalans, FallsPreventionOffer.Otago], listed.Offers);
        Assert.Equal(listed.Offers, published.Offers);
    }

    [Fact]
    public void the_published_integration_event_names_each_discipline_once_and_no_people()
    {
        var (listed, published) = ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), ARequest(), Areas.Find("5038 AB")!, Now);

        Assert.Equal(listed.LocationId, published.LocationId);
        Assert.Equal([TherapistDiscipline.Physiotherapist], published.Disciplines);
        Assert.Equal("Tilburg", published.Municipality);
        Assert.DoesNotContain(typeof(TherapistLocationListedIntegrationEvent).GetProperties(), p => p.Name == nameof(listed.Therapists));
    }
}
