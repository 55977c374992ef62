using Npgsql;

namespace Schakel.IntegrationTests.HostileInput;

/// <summary>
/// The number of rows in every table the product stores data in: Marten's events and documents of
/// every module, the SQL projections, the identity tables, and Wolverine's dead letters. Wolverine's
/// own bookkeeping (nodes, envelopes in flight), the daemon's progress and the data-protection keys
/// change by themselves and are left out. The access log is read apart (<see cref="AccessLogTailAsync"/>).
/// </summary>
public static class StoredRows
{
    private static readonly string[] Bookkeeping =
    [
        "events.mt_event_progression", "events.mt_high_water_skips", "events.mt_event_projection_floors",
        "identity.data_protection_keys", "audit.access_log",
    ];

    /// <summary>Row counts once every message already sent is handled (the indicators keep facts of accepted requests a moment later).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await Schakel.Testing.ResettingData.WaitUntilQuietAsync(connection);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            """
            select quote_ident(table_schema) || '.' || quote_ident(table_name), table_schema || '.' || table_name
            from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
              and (table_schema <> 'wolverine' or table_name = 'wolverine_dead_letters')
            order by 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (!Bookkeeping.Contains(reader.GetString(1), StringComparer.Ordinal))
                {
                    tables.Add(reader.GetString(0));
                }
            }
        }

        // Table names come from the catalogue, never from input.
        var sql = string.Join(" union all ", tables.Select(t => $"select '{t.Replace("'", "''", StringComparison.Ordinal)}', count(*) from {t}"));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var count = new NpgsqlCommand(sql, connection);
        await using var rows = await count.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            counts[rows.GetString(0)] = rows.GetInt64(1);
        }

        return counts;
    }

    /// <summary>The tables whose row count differs, as "table: before -> after".</summary>
    public static IReadOnlyList<string> Changes(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        before.Keys.Union(after.Keys)
            .Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t}: {before.GetValueOrDefault(t)} -> {after.GetValueOrDefault(t)}")
            .ToList();

    /// <summary>The highest id of the access log now.</summary>
    public static async Task<long> AccessLogEndAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(id), 0) from audit.access_log", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The outcome and action of every access-log entry after <paramref name="end"/>.</summary>
    public static async Task<IReadOnlyList<(string Outcome, string Action, string Resource)>> AccessLogTailAsync(string connectionString, long end)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select outcome, action, resource from audit.access_log where id > @end order by id", connection);
        command.Parameters.AddWithValue("end", end);
        var tail = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tail.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return tail;
    }
}
