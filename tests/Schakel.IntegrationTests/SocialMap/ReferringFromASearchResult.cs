using Alba;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.FallsPrevention;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Search;
using Schakel.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>
/// Across both modules: a GP finds a location on the social map and refers from the result; the
/// Referral module knows the location only from the social map's published messages, follows its
/// changes, and refuses a location that left the map.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ReferringFromASearchResult(IntegrationApp app) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a coordinator's action and waits until the messages it published were handled (by the Referral module).</summary>
    private async Task<T> AndDeliveredAsync<T>(Func<Task<T>> action)
    {
        T result = default!;
        await app.Host.TrackActivity().Timeout(Patience).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ => result = await action()));
        return result;
    }

    private Task<IScenarioResult> AsCoordinator(Action<Scenario> request) => app.Host.Scenario(s =>
    {
        s.As(TestUsers.Coordinator());
        request(s);
        s.StatusCodeShouldBe(200);
    });

    private async Task<SearchHit> FirstHitAsync(string query) =>
        (await (await app.Host.Scenario(s => s.As(_gp).Get.Url($"/api/socialmap/search?{query}"))).ReadAsJsonAsync<SearchResults>())!.Results[0];

    private Task<IScenarioResult> ReferAsync(Guid locationId, int status) => app.Host.Scenario(s =>
    {
        s.As(_gp);
        s.Post.Json(new ReferToFallsPrevention(locationId, "V-2001", true, "Vallen Verleden Tijd", null)).ToUrl("/api/referral/falls-prevention");
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task a_gp_refers_from_a_search_result_and_the_location_is_mailed()
    {
        var entry = SocialMapEntries.Physio("Fysio Vallen Verleden", "5042 AB") with { Offers = [FallsPreventionOffer.VallenVerledenTijd], HomeVisits = true };
        await AndDeliveredAsync(() => SocialMapEntries.ListAsync(app, entry));

        var hit = await FirstHitAsync("postcode=5042&offer=VallenVerledenTijd&homeVisits=true");
        var referral = await (await ReferAsync(hit.Id, 201)).ReadAsJsonAsync<FallsPreventionView>();

        Assert.Equal(("Fysio Vallen Verleden", FallsPreventionStatus.Referred), (referral!.LocationName, referral.Status));
        var mail = await app.Mail.WaitForMessageToAsync(entry.Email!, Patience);
        Assert.Contains("/valpreventie/bevestigen/", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("V-2001", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_changed_e_mail_address_is_where_the_next_referral_goes()
    {
        var entry = SocialMapEntries.Physio("Fysio Nieuw Adres", "5042 AB");
        var location = await AndDeliveredAsync(() => SocialMapEntries.ListAsync(app, entry));
        var newAddress = $"nieuw.{Guid.NewGuid():N}@test.example.nl";

        await AndDeliveredAsync(() => AsCoordinator(s => s.Put.Json(entry with { Email = newAddress, PracticeName = "Fysio Nieuwe Naam" })
            .ToUrl($"/api/socialmap/locations/{location.Id}")));
        var referral = await (await ReferAsync(location.Id, 201)).ReadAsJsonAsync<FallsPreventionView>();

        Assert.Equal("Fysio Nieuwe Naam", referral!.LocationName);
        Assert.Contains("Fysio Nieuwe Naam", (await app.Mail.WaitForMessageToAsync(newAddress, Patience)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_location_that_left_the_map_can_no_longer_be_referred_to()
    {
        var location = await AndDeliveredAsync(() => SocialMapEntries.ListAsync(app, SocialMapEntries.Physio("Fysio Vertrokken", "5042 AB")));

        await AndDeliveredAsync(() => AsCoordinator(s => s.Post.Json(new RetireTherapistLocation("Gestopt met valpreventie"))
            .ToUrl($"/api/socialmap/locations/{location.Id}/retire")));

        var problem = await (await ReferAsync(location.Id, 400)).ReadAsJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["Deze praktijk staat niet (meer) op de sociale kaart."], problem!.Errors["locationId"]);
        var providers = await (await app.Host.Scenario(s => s.As(_gp).Get.Url("/api/referral/falls-prevention-providers"))).ReadAsJsonAsync<FallsPreventionProvider[]>();
        Assert.DoesNotContain(providers!, p => p.Id == location.Id);
    }
}
