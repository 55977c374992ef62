using System.Globalization;
using Microsoft.Extensions.Localization;
using Schakel.BuildingBlocks.Portal;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Resources;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>How the social map's pages say a location's facts: in the portal's language, one way everywhere.</summary>
public static class LocationWords
{
    /// <summary>A day as the portal's reader says it ("3 mei 2026"), in Dutch time.</summary>
    public static string Date(DateTimeOffset moment) => DutchTime.ToDutch(moment).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"3,2 km".</summary>
    public static string Distance(double km) => km.ToString("0.0", CultureInfo.CurrentCulture) + " km";

    public static string Disciplines(IStringLocalizer<SocialMapText> text, IEnumerable<TherapistDiscipline> disciplines) =>
        string.Join(", ", disciplines.Select(d => text[$"Discipline_{d}"].Value));

    public static string Offers(IStringLocalizer<SocialMapText> text, IEnumerable<FallsPreventionOffer> offers) =>
        string.Join(", ", offers.Select(o => text[$"Offer_{o}"].Value));

    public static string Funding(IStringLocalizer<SocialMapText> text, IReadOnlyCollection<FundingRoute> routes) =>
        routes.Count == 0 ? text["Funding_NotStated"].Value : string.Join(", ", routes.Select(f => text[$"Funding_{f}"].Value));

    public static string Languages(IEnumerable<string> codes) => string.Join(", ", codes.Select(Geography.Languages.NameOf));

    /// <summary>Whether the location takes new patients, and how long they wait.</summary>
    public static string Availability(IStringLocalizer<SocialMapText> text, bool accepting, int? waitingWeeks) =>
        (accepting, waitingWeeks) switch
        {
            (false, _) => text["NotAccepting"].Value,
            (true, null) => text["Accepting"].Value,
            (true, 0) => text["AcceptingNoWait"].Value,
            (true, 1) => text["AcceptingWaitingOneWeek"].Value,
            (true, var weeks) => text["AcceptingWaitingWeeks", weeks].Value,
        };
}
