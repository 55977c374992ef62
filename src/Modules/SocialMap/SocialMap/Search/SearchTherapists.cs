using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Wolverine.Http;

namespace Schakel.SocialMap.Search;

/// <summary>What a search result shows of a location, kept with its search row (no second lookup per result).</summary>
public sealed record SearchHitSummary(
    string PracticeName,
    LocationAddress Address,
    string Municipality,
    string? Phone,
    string? Email,
    string? Website,
    IReadOnlyList<TherapistDiscipline> Disciplines,
    IReadOnlyList<FallsPreventionOffer> Offers,
    IReadOnlyList<string> Specialisations,
    bool HomeVisits,
    IReadOnlyList<string> Languages,
    bool WheelchairAccessible,
    IReadOnlyList<FundingRoute> FundingRoutes,
    bool AcceptingPatients,
    int? WaitingWeeks)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Serialize(LocationDetails d, LocationPlace place)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(place);
        return JsonSerializer.Serialize(
            new SearchHitSummary(d.PracticeName, d.Address, place.Municipality, d.Phone, d.Email, d.Website, d.Disciplines, d.Offers, d.Specialisations,
                d.HomeVisits, d.Languages, d.WheelchairAccessible, d.FundingRoutes, d.AcceptingPatients, d.WaitingWeeks),
            Json);
    }
}

/// <summary>One result: the location, how far it is, and whether its entry is stale.</summary>
public sealed record SearchHit(Guid Id, double DistanceKm, double Latitude, double Longitude, DateTimeOffset LastVerifiedAt, bool Stale, SearchHitSummary Location);

public sealed record SearchOrigin(string Postcode, string Municipality, double Latitude, double Longitude);

public sealed record SearchResults(SearchOrigin Origin, int RadiusKm, int Page, int PageSize, int Total, IReadOnlyList<SearchHit> Results);

/// <summary>
/// The search: the database finds the locations inside the radius's bounding box through the
/// GiST index on their earth points, with the filters; the exact distance, the ranking and the
/// page are decided here, and the page's summaries are read in a second, keyed query.
/// </summary>
public static class TherapistSearch
{
    public static async Task<SearchResults> RunAsync(IQuerySession session, SearchCriteria criteria, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(criteria);
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct).ConfigureAwait(false);

        var candidates = new List<SearchCandidate>();
        var verified = new Dictionary<Guid, (double Lat, double Lon, DateTimeOffset Verified)>();
        await using (var command = CandidatesCommand(connection, criteria))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var id = reader.GetGuid(0);
                var lat = reader.GetDouble(2);
                var lon = reader.GetDouble(3);
                var distance = GreatCircle.DistanceKm(criteria.Origin.Latitude, criteria.Origin.Longitude, lat, lon);
                if (distance > criteria.RadiusKm)
                {
                    continue; // in the box's corner, outside the circle
                }

                var lastVerified = reader.GetFieldValue<DateTimeOffset>(6);
                candidates.Add(new SearchCandidate(id, reader.GetString(1), distance, reader.GetBoolean(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), Freshness.Freshness.IsStale(lastVerified, now)));
                verified[id] = (lat, lon, lastVerified);
            }
        }

        candidates.Sort(SearchRanking.Instance);
        var page = candidates.Skip((criteria.Page - 1) * criteria.PageSize).Take(criteria.PageSize).ToList();
        var summaries = await SummariesAsync(connection, page.Select(c => c.Id).ToArray(), ct).ConfigureAwait(false);
        var hits = page
            .Where(c => summaries.ContainsKey(c.Id))
            .Select(c => new SearchHit(c.Id, SearchRanking.Rounded(c.DistanceKm), verified[c.Id].Lat, verified[c.Id].Lon, verified[c.Id].Verified, c.Stale, summaries[c.Id]))
            .ToList();
        var origin = criteria.Origin;
        return new SearchResults(
            new SearchOrigin(origin.Digits, origin.Municipality, origin.Latitude, origin.Longitude), criteria.RadiusKm, criteria.Page, criteria.PageSize, candidates.Count, hits);
    }

    /// <summary>The database's part of a search (the benchmark times it on its own).</summary>
    internal static NpgsqlCommand CandidatesCommand(NpgsqlConnection connection, SearchCriteria c)
    {
        var sql = new System.Text.StringBuilder(
            $"""
            select id, practice_name, latitude, longitude, accepting, waiting_weeks, last_verified_at
            from {LocationSearchIndex.QualifiedName}
            where earth_box(ll_to_earth(@lat, @lon), @radius) @> position
            """);
        var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.AddWithValue("lat", c.Origin.Latitude);
        command.Parameters.AddWithValue("lon", c.Origin.Longitude);
        command.Parameters.AddWithValue("radius", c.RadiusKm * 1000.0);
        void Contains(string column, string? value)
        {
            if (value is null)
            {
                return;
            }

            var name = $"p_{column}";
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" and {column} @> array[@{name}]");
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = value });
        }

        void Is(string column, bool? value)
        {
            if (value is null)
            {
                return;
            }

            var name = $"p_{column}";
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" and {column} = @{name}");
            command.Parameters.AddWithValue(name, value.Value);
        }

        Contains("disciplines", c.Discipline?.ToString());
        Contains("offers", c.Offer?.ToString());
        Contains("funding", c.Funding?.ToString());
        Contains("languages", c.Language);
        Is("home_visits", c.HomeVisits);
        Is("accepting", c.Accepting);
        command.CommandText = sql.ToString();
        return command;
    }

    private static async Task<Dictionary<Guid, SearchHitSummary>> SummariesAsync(NpgsqlConnection connection, Guid[] ids, CancellationToken ct)
    {
        var summaries = new Dictionary<Guid, SearchHitSummary>();
        if (ids.Length == 0)
        {
            return summaries;
        }

        await using var command = new NpgsqlCommand($"select id, summary::text from {LocationSearchIndex.QualifiedName} where id = any(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            summaries[reader.GetGuid(0)] = JsonSerializer.Deserialize<SearchHitSummary>(reader.GetString(1), SearchHitSummary.Json)!;
        }

        return summaries;
    }
}

public static class SearchTherapistsEndpoint
{
    [WolverineGet("/api/socialmap/search"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Search falls-prevention therapists from a postcode (PC4 centre) within a radius, nearest first, filtered and paged")]
    public static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> Get(
        string? postcode, string? radiusKm, string? discipline, string? offer, string? funding, string? homeVisits, string? language, string? accepting,
        string? page, string? pageSize, IQuerySession session, PostcodeAreas areas, TimeProvider clock, CancellationToken ct)
    {
        var (criteria, errors) = SearchCriteria.Parse(areas, postcode, radiusKm, discipline, offer, funding, homeVisits, language, accepting, page, pageSize);
        if (criteria is null)
        {
            return TypedResults.Problem(Problem.Invalid(errors, "De zoekopdracht is niet goed ingevuld."));
        }

        return TypedResults.Ok(await TherapistSearch.RunAsync(session, criteria, clock.GetUtcNow(), ct).ConfigureAwait(false));
    }
}
