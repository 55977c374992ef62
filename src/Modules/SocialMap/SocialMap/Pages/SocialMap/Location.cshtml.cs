using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>
/// One location with everything its entry says and how fresh it is. A GP refers from here; the
/// coordinator also reads its history and edits, verifies or retires it (on pages of their own).
/// </summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class LocationModel(IQuerySession session, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The offer the GP searched for, carried on to the referral form.</summary>
    [FromQuery(Name = "aanbod")]
    public string? Offer { get; set; }

    public LocationView Location { get; private set; } = null!;

    public string? RetiredReason { get; private set; }

    public IReadOnlyList<LocationHistoryEntry> History { get; private set; } = [];

    public bool CanRefer { get; private set; }

    public bool IsCoordinator { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await session.LoadAsync<TherapistLocation>(Id, ct) is not { } location)
        {
            return NotFound();
        }

        Location = LocationView.Of(location, clock.GetUtcNow());
        RetiredReason = location.RetiredReason;
        CanRefer = !location.IsRetired && (await authorization.AuthorizeAsync(User, SchakelPolicies.GpSide)).Succeeded;
        IsCoordinator = (await authorization.AuthorizeAsync(User, SchakelPolicies.Coordinator)).Succeeded;
        if (IsCoordinator)
        {
            var events = await session.Events.FetchStreamAsync(Id, token: ct);
            History = LocationHistory.Of(events.Select(e => (e.Version, e.Data)).ToList());
        }

        return Page();
    }

    public string ReferUrl => LocationPage.ReferUrl(Id, LocationPage.OfferIn(Offer));
}

public static class LocationPage
{
    /// <summary>
    /// The Referral module's falls-prevention form with this location chosen (and the offer searched
    /// for, if any): the modules share this address, not code.
    /// </summary>
    public static string ReferUrl(Guid id, FallsPreventionOffer? offer) =>
        offer is { } o ? $"/valpreventie/nieuw?locatie={id}&aanbod={o}" : $"/valpreventie/nieuw?locatie={id}";

    /// <summary>An offer named in the address ("VallenVerledenTijd"), or null; numbers are not names.</summary>
    public static FallsPreventionOffer? OfferIn(string? text) =>
        text is { Length: > 0 } t && !char.IsAsciiDigit(t[0]) && Enum.TryParse<FallsPreventionOffer>(t, ignoreCase: true, out var offer) && Enum.IsDefined(offer)
            ? offer
            : null;
}
