using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Tests;

public sealed class ListingATherapistLocation
{
    internal static readonly PostcodeAreas Areas = PostcodeAreas.LoadEmbedded();
    internal static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(1));
    internal static readonly EntryAuthor Coordinator = new(EntrySource.Coordinator, Guid.CreateVersion7(), "Coördinator Sanne");

    internal static TherapistLocationEntry ARequest(
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
                           new TherapistEntry("Bram Janssen", TherapistDiscipline.Physiotherapist, "04000002", "19012345602")],
            offers ?? [FallsPreventionOffer.Otago, FallsPreventionOffer.InBalans, FallsPreventionOffer.Otago]);

    internal static TherapistLocation AListedLocation(TherapistLocationEntry? entry = null) =>
        TherapistLocation.Create(ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), entry ?? ARequest(), Areas, Coordinator, Now));

    [Fact]
    public void the_listing_records_the_normalised_address_and_the_municipality_and_centre_of_the_postcode_area()
    {
        var id = Guid.CreateVersion7();
        var listed = ListTherapistLocationEndpoint.Decide(id, ARequest(), Areas, Coordinator, Now);

        Assert.Equal(id, listed.LocationId);
        Assert.Equal("Fysiotherapie De Reeshof", listed.Details.PracticeName);
        Assert.Equal("5038 AB", listed.Details.Address.Postcode);
        Assert.Equal(new LocationPlace("Tilburg", 51.5573, 5.0793), listed.Place);
        Assert.Equal(Now, listed.ListedAt);
        Assert.Equal(Coordinator, listed.By);
    }

    [Fact]
    public void offers_named_twice_are_recorded_once_and_an_entry_without_languages_speaks_dutch()
    {
        var listed = ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), ARequest(), Areas, Coordinator, Now);

        Assert.Equal([FallsPreventionOffer.InBalans, FallsPreventionOffer.Otago], listed.Details.Offers);
        Assert.Equal(["nl"], listed.Details.Languages);
        Assert.True(listed.Details.AcceptingPatients);
    }

    [Fact]
    public void listing_counts_as_verification()
    {
        var location = AListedLocation();

        Assert.Equal(Now, location.LastVerifiedAt);
        Assert.False(location.IsRetired);
    }

    [Fact]
    public void the_published_integration_event_names_each_discipline_once_and_no_people()
    {
        var listed = ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), ARequest(), Areas, Coordinator, Now);

        var published = Assert.IsType<TherapistLocationListedIntegrationEvent>(DirectoryContracts.For(listed, TherapistLocation.Create(listed)));

        Assert.Equal(listed.LocationId, published.LocationId);
        Assert.Equal([TherapistDiscipline.Physiotherapist], published.Disciplines);
        Assert.Equal("Tilburg", published.Municipality);
        Assert.Equal("info@fysio.example.nl", published.Email);
        Assert.DoesNotContain(typeof(TherapistLocationListedIntegrationEvent).GetProperties(), p => p.Name == nameof(LocationDetails.Therapists));
    }

    [Fact]
    public void a_first_shape_listing_still_loads_as_a_dutch_speaking_entry_accepting_patients()
    {
        var v1 = new TherapistLocationListedV1(Guid.CreateVersion7(), "Fysio Oud", "04123456", new LocationAddress("Markt", "1", "5038 AB", "Tilburg"),
            "Tilburg", 51.5573, 5.0793, null, null, [new Therapist("Anouk", TherapistDiscipline.Physiotherapist, "04000001", null)], [FallsPreventionOffer.Otago], Now);

        var location = TherapistLocation.Create(v1);

        Assert.Equal("Fysio Oud", location.Details.PracticeName);
        Assert.Equal(["nl"], location.Details.Languages);
        Assert.True(location.Details.AcceptingPatients);
        Assert.Equal(Now, location.LastVerifiedAt);
    }
}
