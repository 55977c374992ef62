using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;

namespace Schakel.SocialMap.Tests;

public sealed class ChangingAnEntry
{
    private static readonly DateTimeOffset Later = ListingATherapistLocation.Now.AddDays(30);
    private static readonly EntryAuthor Coordinator = ListingATherapistLocation.Coordinator;

    private static (object? Change, Microsoft.AspNetCore.Mvc.ProblemDetails? Problem) Revise(TherapistLocation location, TherapistLocationEntry entry, EntryAuthor? by = null, Guid? link = null) =>
        ReviseTherapistLocationEndpoint.Decide(location, entry, ListingATherapistLocation.Areas, by ?? Coordinator, Later, link);

    [Fact]
    public void a_changed_entry_is_revised_as_a_whole_and_the_history_names_what_changed()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var entry = ListingATherapistLocation.ARequest() with { WaitingWeeks = 3, HomeVisits = true, Postcode = "5042 AB" };

        var revised = Assert.IsType<TherapistLocationRevised>(Revise(location, entry).Change);

        Assert.Equal(3, revised.Details.WaitingWeeks);
        Assert.Equal("Tilburg", revised.Place.Municipality);
        var history = LocationHistory.Of([(1, TherapistLocationListedFrom(location)), (2, revised)]);
        Assert.Equal(["adres", "huisbezoek", "wachttijd"], history[1].Changed);
    }

    [Fact]
    public void a_coordinators_change_keeps_the_verification_date_and_the_providers_renews_it()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var entry = ListingATherapistLocation.ARequest() with { WaitingWeeks = 3 };

        var byCoordinator = location.Apply(Assert.IsType<TherapistLocationRevised>(Revise(location, entry).Change));
        var byProvider = location.Apply(Assert.IsType<TherapistLocationRevised>(Revise(location, entry, EntryAuthors.Provider(location)).Change));

        Assert.Equal(ListingATherapistLocation.Now, byCoordinator.LastVerifiedAt);
        Assert.Equal(Later, byProvider.LastVerifiedAt);
    }

    [Fact]
    public void the_same_entry_again_records_nothing_from_a_coordinator_and_a_confirmation_from_the_provider()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var link = Guid.CreateVersion7();

        Assert.Equal((null, null), Revise(location, ListingATherapistLocation.ARequest()));
        var verified = Assert.IsType<TherapistLocationVerified>(Revise(location, ListingATherapistLocation.ARequest(), EntryAuthors.Provider(location), link).Change);
        Assert.Equal(link, verified.ByLinkId);
    }

    [Fact]
    public void using_the_open_link_closes_it_and_a_newer_link_replaces_it()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        ProviderLinkSent Sent(Guid id) => new(location.Id, id, "info@fysio.example.nl", ProviderLinkReason.Requested, Later.AddDays(30), Coordinator, Later);

        Assert.Equal(second, location.Apply(Sent(first)).Apply(Sent(second)).OpenLinkId);
        Assert.Null(location.Apply(Sent(first)).Apply(new TherapistLocationVerified(location.Id, EntryAuthors.Provider(location), Later, first)).OpenLinkId);
        Assert.Equal(second, location.Apply(Sent(second)).Apply(new TherapistLocationVerified(location.Id, EntryAuthors.Provider(location), Later, first)).OpenLinkId);
    }

    [Fact]
    public void a_retired_location_cannot_be_changed_verified_or_retired_again()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var retired = location.Apply(Assert.IsType<TherapistLocationRetired>(
            RetireTherapistLocationEndpoint.Decide(location, new RetireTherapistLocation(" Praktijk gesloten "), Coordinator, Later).Change));

        Assert.Equal("Praktijk gesloten", retired.RetiredReason);
        Assert.Equal(409, Revise(retired, ListingATherapistLocation.ARequest() with { WaitingWeeks = 1 }).Problem!.Status);
        Assert.Equal(409, VerifyTherapistLocationEndpoint.Decide(retired, Coordinator, Later).Problem!.Status);
        Assert.Equal(409, RetireTherapistLocationEndpoint.Decide(retired, new RetireTherapistLocation("Nogmaals"), Coordinator, Later).Problem!.Status);
    }

    [Fact]
    public void retiring_revising_and_verifying_are_published_to_other_modules()
    {
        var location = ListingATherapistLocation.AListedLocation();
        var revised = (TherapistLocationRevised)Revise(location, ListingATherapistLocation.ARequest() with { Email = "nieuw@fysio.example.nl" }).Change!;
        var retired = new TherapistLocationRetired(location.Id, "Gesloten", Coordinator, Later);

        Assert.Equal("nieuw@fysio.example.nl", Assert.IsType<TherapistLocationRevisedIntegrationEvent>(DirectoryContracts.For(revised, location.Apply(revised))).Email);
        Assert.IsType<TherapistLocationRetiredIntegrationEvent>(DirectoryContracts.For(retired, location.Apply(retired)));
        var verified = new TherapistLocationVerified(location.Id, Coordinator, Later);
        Assert.Equal(Later, Assert.IsType<TherapistLocationVerifiedIntegrationEvent>(DirectoryContracts.For(verified, location.Apply(verified))).VerifiedAt);
        Assert.Equal(location.LastVerifiedAt, Assert.IsType<TherapistLocationRevisedIntegrationEvent>(DirectoryContracts.For(revised, location.Apply(revised))).LastVerifiedAt);
    }

    private static TherapistLocationListed TherapistLocationListedFrom(TherapistLocation location) =>
        new(location.Id, location.Details, location.Place, Coordinator, location.ListedAt);
}
