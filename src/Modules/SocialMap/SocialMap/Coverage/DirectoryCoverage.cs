using Marten;
using Schakel.SocialMap.Search;

namespace Schakel.SocialMap.Coverage;

/// <summary>
/// How well one municipality is covered by the social map: the locations on the map, how many
/// of them offer each discipline, and how many entries are stale. The coordinator reads it to find
/// white spots; counted from the search table, so it is current with every change.
/// </summary>
public sealed record MunicipalityCoverage(
    string Municipality,
    int Locations,
    int WithPhysiotherapy,
    int WithExerciseTherapy,
    int WithOccupationalTherapy,
    int Stale);

public static class DirectoryCoverage
{
    public static async Task<IReadOnlyList<MunicipalityCoverage>> ListAsync(IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new Npgsql.NpgsqlCommand(
            $"""
            select summary->>'municipality' as municipality, count(*)::int,
                   (count(*) filter (where disciplines @> array['Physiotherapist']))::int,
                   (count(*) filter (where disciplines @> array['ExerciseTherapist']))::int,
                   (count(*) filter (where disciplines @> array['OccupationalTherapist']))::int,
                   (count(*) filter (where (last_verified_at at time zone 'UTC') + make_interval(months => @stale_months) <= (@now at time zone 'UTC')))::int
            from {LocationSearchIndex.QualifiedName}
            group by 1
            order by 1
            """,
            connection);
        // The same calendar-month rule as Freshness.IsStale (31 August is stale on 28 February), on UTC like the stored times.
        command.Parameters.AddWithValue("stale_months", Freshness.Freshness.StaleAfterMonths);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<MunicipalityCoverage>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new MunicipalityCoverage(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
        }

        return rows;
    }
}
