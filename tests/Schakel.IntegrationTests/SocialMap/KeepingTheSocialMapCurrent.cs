using Alba;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Search;
using Schakel.Testing;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>The coordinator changes, verifies and retires entries; every change is an event, and search follows at once.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class KeepingTheSocialMapCurrent(IntegrationApp app) : IAsyncLifetime
{
    private static readonly CareUser Coordinator = TestUsers.Coordinator();
    private static readonly CareUser Gp = TestUsers.Gp(Guid.CreateVersion7());

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<IScenarioResult> Send(CareUser user, Action<Scenario> request, int status) => app.Host.Scenario(s =>
    {
        s.As(user);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    private async Task<IReadOnlyList<string>> FoundFromAsync(string postcode) =>
        (await (await Send(Gp, s => s.Get.Url($"/api/socialmap/search?postcode={postcode}&radiusKm=5"), 200)).ReadAsJsonAsync<SearchResults>())!
            .Results.Select(r => r.Location.PracticeName).ToList();

    private async Task<long> EventCountAsync()
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName.StartsWith("social_map.")).CountAsync();
    }

    [Fact]
    public async Task a_change_of_address_moves_the_location_in_search_at_once_and_the_history_names_it()
    {
        var entry = SocialMapEntries.Physio("Fysio Verhuist", "5042 AB");
        var location = await SocialMapEntries.ListAsync(app, entry);

        var moved = await (await Send(Coordinator, s => s.Put.Json(entry with { Postcode = "5211 AB", Street = "Markt", WaitingWeeks = 4 })
            .ToUrl($"/api/socialmap/locations/{location.Id}"), 200)).ReadAsJsonAsync<LocationView>();

        Assert.Equal(("'s-Hertogenbosch", 4), (moved!.Municipality, moved.WaitingWeeks));
        Assert.Empty(await FoundFromAsync("5042"));
        Assert.Equal(["Fysio Verhuist"], await FoundFromAsync("5211"));
        var history = await (await Send(Coordinator, s => s.Get.Url($"/api/socialmap/locations/{location.Id}/history"), 200))
            .ReadAsJsonAsync<LocationHistoryEntry[]>();
        Assert.Equal(["listed", "revised"], history!.Select(h => h.Kind));
        Assert.Equal(["adres", "wachttijd"], history[1].Changed);
        Assert.Equal((Coordinator.Name, EntrySource.Coordinator), (history[1].By, history[1].Source));
    }

    [Fact]
    public async Task the_same_entry_again_records_nothing()
    {
        var entry = SocialMapEntries.Physio("Fysio Stabiel", "5042 AB");
        var location = await SocialMapEntries.ListAsync(app, entry);
        var before = await EventCountAsync();

        await Send(Coordinator, s => s.Put.Json(entry).ToUrl($"/api/socialmap/locations/{location.Id}"), 200);

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task a_retired_location_leaves_search_keeps_its_history_and_cannot_change()
    {
        var entry = SocialMapEntries.Physio("Fysio Gesloten", "5042 AB");
        var location = await SocialMapEntries.ListAsync(app, entry);
        await Send(Coordinator, s => s.Post.Url($"/api/socialmap/locations/{location.Id}/verify"), 200);

        var retired = await (await Send(Coordinator, s => s.Post.Json(new RetireTherapistLocation("Praktijk gesloten per 1 december"))
            .ToUrl($"/api/socialmap/locations/{location.Id}/retire"), 200)).ReadAsJsonAsync<LocationView>();

        Assert.NotNull(retired!.RetiredAt);
        Assert.Empty(await FoundFromAsync("5042"));
        await Send(Coordinator, s => s.Put.Json(entry with { WaitingWeeks = 1 }).ToUrl($"/api/socialmap/locations/{location.Id}"), 409);
        await Send(Coordinator, s => s.Post.Url($"/api/socialmap/locations/{location.Id}/verify"), 409);
        var history = await (await Send(Coordinator, s => s.Get.Url($"/api/socialmap/locations/{location.Id}/history"), 200))
            .ReadAsJsonAsync<LocationHistoryEntry[]>();
        Assert.Equal(["listed", "verified", "retired"], history!.Select(h => h.Kind));
        Assert.Equal("Van de sociale kaart gehaald: Praktijk gesloten per 1 december", history[2].Description);
    }

    [Fact]
    public async Task a_bad_change_is_refused_field_by_field_and_changes_nothing()
    {
        var entry = SocialMapEntries.Physio("Fysio Fout", "5042 AB");
        var location = await SocialMapEntries.ListAsync(app, entry);
        var before = await EventCountAsync();

        var result = await Send(Coordinator, s => s.Put.Json(entry with { Postcode = "1000 AA", PracticeAgbCode = "123", WaitingWeeks = -1 })
            .ToUrl($"/api/socialmap/locations/{location.Id}"), 400);

        var problem = await result.ReadAsJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["postcode", "practiceAgbCode", "waitingWeeks"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await EventCountAsync());
        Assert.Equal(["Fysio Fout"], await FoundFromAsync("5042"));
    }

    [Fact]
    public async Task an_unknown_location_is_not_found_for_every_action()
    {
        var id = Guid.CreateVersion7();
        await Send(Coordinator, s => s.Put.Json(SocialMapEntries.Physio("X", "5042 AB")).ToUrl($"/api/socialmap/locations/{id}"), 404);
        await Send(Coordinator, s => s.Post.Url($"/api/socialmap/locations/{id}/verify"), 404);
        await Send(Coordinator, s => s.Post.Json(new RetireTherapistLocation("Weg")).ToUrl($"/api/socialmap/locations/{id}/retire"), 404);
        await Send(Coordinator, s => s.Get.Url($"/api/socialmap/locations/{id}/history"), 404);
    }

    [Fact]
    public async Task only_the_coordinator_keeps_the_map_while_care_providers_may_search_it()
    {
        var entry = SocialMapEntries.Physio("Fysio Rollen", "5042 AB");
        var location = await SocialMapEntries.ListAsync(app, entry);
        var internist = TestUsers.Internist(Guid.CreateVersion7());

        foreach (var user in new[] { Gp, TestUsers.PracticeNurse(Gp), internist })
        {
            await Send(user, s => s.Post.Json(entry).ToUrl("/api/socialmap/locations"), 403);
            await Send(user, s => s.Put.Json(entry with { WaitingWeeks = 9 }).ToUrl($"/api/socialmap/locations/{location.Id}"), 403);
            await Send(user, s => s.Post.Url($"/api/socialmap/locations/{location.Id}/verify"), 403);
            await Send(user, s => s.Post.Json(new RetireTherapistLocation("Weg")).ToUrl($"/api/socialmap/locations/{location.Id}/retire"), 403);
            await Send(user, s => s.Get.Url($"/api/socialmap/locations/{location.Id}/history"), 403);
            await Send(user, s => s.Get.Url("/api/socialmap/stale"), 403);
            await Send(user, s => s.Get.Url("/api/socialmap/search?postcode=5042"), 200);
            await Send(user, s => s.Get.Url($"/api/socialmap/locations/{location.Id}"), 200);
        }

        Assert.Equal(["Fysio Rollen"], await FoundFromAsync("5042"));
        Assert.Null((await (await Send(Gp, s => s.Get.Url($"/api/socialmap/locations/{location.Id}"), 200)).ReadAsJsonAsync<LocationView>())!.WaitingWeeks);
    }

    [Fact]
    public async Task an_entry_keeps_every_detail_it_was_given()
    {
        var entry = SocialMapEntries.Physio("Fysio Compleet", "5042 AB") with
        {
            LocationAgbCode = "04999999",
            Website = "https://fysio-compleet.example.nl",
            Specialisations = ["Geriatriefysiotherapie"],
            Certificates = ["Osteoporose en vallen"],
            HomeVisits = true,
            Languages = ["nl", "pap"],
            WheelchairAccessible = true,
            FundingRoutes = [FundingRoute.BasicInsurance, FundingRoute.SelfPay],
            ContractedInsurers = ["CZ", "Menzis"],
            AcceptingPatients = false,
            WaitingWeeks = 8,
        };

        var listed = await SocialMapEntries.ListAsync(app, entry);
        var read = await (await Send(Gp, s => s.Get.Url($"/api/socialmap/locations/{listed.Id}"), 200)).ReadAsJsonAsync<LocationView>();

        Assert.Equal(
            ("04999999", "https://fysio-compleet.example.nl", true, true, false, (int?)8, false),
            (read!.LocationAgbCode, read.Website, read.HomeVisits, read.WheelchairAccessible, read.AcceptingPatients, read.WaitingWeeks, read.Stale));
        Assert.Equal(["Geriatriefysiotherapie"], read.Specialisations);
        Assert.Equal(["Osteoporose en vallen"], read.Certificates);
        Assert.Equal(["nl", "pap"], read.Languages);
        Assert.Equal([FundingRoute.BasicInsurance, FundingRoute.SelfPay], read.FundingRoutes);
        Assert.Equal(["CZ", "Menzis"], read.ContractedInsurers);
    }
}
