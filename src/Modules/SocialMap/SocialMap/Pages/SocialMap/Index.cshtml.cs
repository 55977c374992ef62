using System.Globalization;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.BuildingBlocks.Access;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Schakel.SocialMap.Resources;
using Schakel.SocialMap.Search;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>
/// The GP's search: from the patient's postcode (only its four digits are used), within a radius,
/// with filters, nearest first, as a list and a map. A GET form, so a search can be bookmarked;
/// the postcode area is the only thing about the patient in the address.
/// </summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class IndexModel(
    IQuerySession session, PostcodeAreas areas, MapTiles tiles, IAuthorizationService authorization, IStringLocalizer<SocialMapText> text, TimeProvider clock)
    : PageModel
{
    public const int PageSize = 10;

    /// <summary>The radii a GP chooses from, in km.</summary>
    public static readonly IReadOnlyList<int> Radii = [5, 10, 15, 25, 50];

    [FromQuery(Name = "postcode")]
    public string? Postcode { get; set; }

    [FromQuery(Name = "straal")]
    public string? Radius { get; set; }

    [FromQuery(Name = "discipline")]
    public string? Discipline { get; set; }

    [FromQuery(Name = "aanbod")]
    public string? Offer { get; set; }

    [FromQuery(Name = "financiering")]
    public string? Funding { get; set; }

    [FromQuery(Name = "huisbezoek")]
    public string? HomeVisits { get; set; }

    [FromQuery(Name = "taal")]
    public string? Language { get; set; }

    [FromQuery(Name = "neemt-aan")]
    public string? Accepting { get; set; }

    [FromQuery(Name = "pagina")]
    public string? PageNumber { get; set; }

    /// <summary>True once a postcode was given: the page shows results or what is wrong, not the introduction.</summary>
    public bool Searched { get; private set; }

    public SearchCriteria? Criteria { get; private set; }

    public SearchResults? Results { get; private set; }

    /// <summary>Per form field (the query-string name), the Dutch message of what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    /// <summary>Locations on the map now (for the introduction, before a search).</summary>
    public int LocationsOnTheMap { get; private set; }

    public bool CanRefer { get; private set; }

    public bool IsCoordinator { get; private set; }

    public MapTiles Tiles => tiles;

    public int PageCount => Results is { } r ? Math.Max(1, (r.Total + r.PageSize - 1) / r.PageSize) : 0;

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanRefer = (await authorization.AuthorizeAsync(User, SchakelPolicies.GpSide)).Succeeded;
        IsCoordinator = (await authorization.AuthorizeAsync(User, SchakelPolicies.Coordinator)).Succeeded;
        Searched = Request.Query.ContainsKey("postcode");
        if (!Searched)
        {
            LocationsOnTheMap = await session.Query<TherapistLocation>().CountAsync(l => l.RetiredAt == null, ct);
            return;
        }

        var (criteria, errors) = SearchCriteria.Parse(
            areas, Postcode, Radius, Discipline, Offer, Funding, HomeVisits, Language, Accepting, PageNumber, PageSize.ToString(CultureInfo.InvariantCulture));
        var problems = errors.ToDictionary(e => FormFieldOf(e.Key), e => Dutch(e.Key) ?? string.Join(" ", e.Value));
        if (!string.IsNullOrWhiteSpace(Radius) && !(int.TryParse(Radius, NumberStyles.None, CultureInfo.InvariantCulture, out var radius) && Radii.Contains(radius)))
        {
            problems["straal"] = $"Kies een straal van {string.Join(", ", Radii.SkipLast(1))} of {Radii[^1]} km.";
        }

        Problems = problems;
        if (problems.Count > 0 || criteria is null)
        {
            return;
        }

        Criteria = criteria;
        Results = await TherapistSearch.RunAsync(session, criteria, clock.GetUtcNow(), ct);
    }

    /// <summary>The chosen radius, or the default before a search.</summary>
    public int ChosenRadius => Criteria?.RadiusKm ?? (int.TryParse(Radius, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && Radii.Contains(r) ? r : SearchCriteria.DefaultRadiusKm);

    public static bool IsOn(string? flag) => string.Equals(flag?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>This search on another page.</summary>
    public string PageUrl(int page)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in Request.Query.Where(q => q.Key != "pagina"))
        {
            foreach (var item in value)
            {
                query.Add(key, item ?? "");
            }
        }

        if (page > 1)
        {
            query.Add("pagina", page.ToString(CultureInfo.InvariantCulture));
        }

        return "/sociale-kaart" + query.ToQueryString();
    }

    /// <summary>The location's page; the chosen offer goes along, so that a referral from there preselects it.</summary>
    public string LocationUrl(Guid id) => Criteria?.Offer is { } offer ? $"/sociale-kaart/{id}?aanbod={offer}" : $"/sociale-kaart/{id}";

    /// <summary>The Referral module's form with this location (and the searched offer) chosen: one click from a result.</summary>
    public string ReferUrl(Guid id) => LocationPage.ReferUrl(id, Criteria?.Offer);

    /// <summary>What the map script draws: the search's origin and radius, and the results on this page.</summary>
    public string MapData()
    {
        var results = Results ?? throw new InvalidOperationException("No search to draw.");
        return JsonSerializer.Serialize(new
        {
            origin = new
            {
                lat = results.Origin.Latitude, lon = results.Origin.Longitude,
                label = text["Map_Origin", results.Origin.Postcode, results.Origin.Municipality].Value,
            },
            radiusKm = results.RadiusKm,
            tiles = tiles.UrlTemplate is null ? null : new { url = tiles.UrlTemplate, attribution = tiles.Attribution ?? "" },
            results = results.Results.Select(h => new
            {
                id = h.Id, lat = h.Latitude, lon = h.Longitude, name = h.Location.PracticeName, distance = LocationWords.Distance(h.DistanceKm), url = LocationUrl(h.Id),
            }),
        });
    }

    /// <summary>Our own words for a choice list tampered with in the address (the parser names the API's values).</summary>
    private string? Dutch(string parameter) => parameter switch
    {
        "discipline" or "offer" or "funding" or "language" => text["Search_ChooseFromList"].Value,
        "homeVisits" or "accepting" => text["Search_TickOrNot"].Value,
        _ => null,
    };

    private static string FormFieldOf(string parameter) => parameter switch
    {
        "radiusKm" => "straal",
        "offer" => "aanbod",
        "funding" => "financiering",
        "homeVisits" => "huisbezoek",
        "language" => "taal",
        "accepting" => "neemt-aan",
        "page" or "pageSize" => "pagina",
        _ => parameter,
    };
}
