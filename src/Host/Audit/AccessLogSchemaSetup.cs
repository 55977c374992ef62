using Npgsql;

namespace Schakel.Host.Audit;

/// <summary>
/// Creates the access log's schema, table, triggers and revocations (access-log-schema.sql,
/// idempotent) while the host is starting, before any hosted service starts and before it serves:
/// nothing can need the log earlier. When another role owns the table (the production setup in
/// docs/adr/0007) it changes nothing and only checks that the application may append.
/// </summary>
public sealed partial class AccessLogSchemaSetup(AccessLogDatabase database, ILogger<AccessLogSchemaSetup> logger) : IHostedLifecycleService
{
    /// <summary>Serialises hosts that start together against the same database.</summary>
    private const long SetupLock = 7513_0001;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var wait = new NpgsqlCommand("select pg_advisory_xact_lock(@key)", connection, transaction))
        {
            wait.Parameters.AddWithValue("key", SetupLock);
            await wait.ExecuteNonQueryAsync(cancellationToken);
        }

        var table = await InspectAsync(connection, transaction, cancellationToken);
        if (table is { OwnedByUs: false })
        {
            await transaction.CommitAsync(cancellationToken);
            if (!table.MayInsert)
            {
                throw new InvalidOperationException(
                    $"{AccessLogDatabase.Table} is owned by {table.Owner} and this role may not insert into it; " +
                    "grant it SELECT, INSERT and DELETE as docs/adr/0007 shows.");
            }

            if (table.MayUpdateOrTruncate)
            {
                LogTooMuchPrivilege(logger, table.Owner);
            }

            LogOwnedElsewhere(logger, table.Owner);
            return;
        }

        await using (var script = new NpgsqlCommand(await ReadScriptAsync(cancellationToken), connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record TableState(string Owner, bool OwnedByUs, bool MayInsert, bool MayUpdateOrTruncate);

    private static async Task<TableState?> InspectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        const string sql = """
            select pg_get_userbyid(c.relowner),
                   pg_get_userbyid(c.relowner) = current_user,
                   has_table_privilege(c.oid, 'INSERT'),
                   has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'TRUNCATE')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'audit' and c.relname = 'access_log'
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new TableState(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3))
            : null;
    }

    /// <summary>The schema script, shipped inside the host so that operators and the host run the same SQL.</summary>
    public static async Task<string> ReadScriptAsync(CancellationToken ct)
    {
        await using var stream = typeof(AccessLogSchemaSetup).Assembly.GetManifestResourceStream("Schakel.Host.Audit.access-log-schema.sql")
            ?? throw new InvalidOperationException("The access log's schema script is not embedded in the host.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }

    [LoggerMessage(LogLevel.Information, "The access log table is owned by {Owner}; its schema is left to that role")]
    private static partial void LogOwnedElsewhere(ILogger logger, string owner);

    [LoggerMessage(LogLevel.Warning, "The application role may UPDATE or TRUNCATE the access log owned by {Owner}; revoke that (docs/adr/0007)")]
    private static partial void LogTooMuchPrivilege(ILogger logger, string owner);
}
