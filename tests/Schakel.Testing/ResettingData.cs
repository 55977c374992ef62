using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Schakel.Testing;

/// <summary>
/// Empties every module's documents and events, and the tables that SQL projections keep (the
/// social map's search table): those are derived from the events, so they go with them.
/// </summary>
public static class ResettingData
{
    /// <summary>
    /// Empties it all. Handlers of the previous test's messages may still be committing (the indicators
    /// keep a fact for nearly every change): a reset that deadlocks with one of them is tried again.
    /// </summary>
    public static async Task ResetAllDataAsync(this IServiceProvider services)
    {
        await QuietAsync(services);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ResetOnceAsync(services);
                return;
            }
            catch (Exception e) when (attempt < 5 && IsDeadlock(e))
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    /// <summary>
    /// Waits (up to 10 s) until no durable message of the previous test waits to be handled, so none
    /// lands in the next test's empty store (a late "listed" would give it a second provider).
    /// Scheduled messages (escalation checkpoints) are not waited for.
    /// </summary>
    private static async Task QuietAsync(IServiceProvider services)
    {
        var store = (DocumentStore)services.GetRequiredService<IDocumentStore>();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await WaitUntilQuietAsync(connection);
    }

    /// <summary>Waits (up to 10 s) until no durable message waits to be handled (scheduled ones excepted).</summary>
    public static async Task WaitUntilQuietAsync(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var exists = new NpgsqlCommand("select to_regclass('wolverine.wolverine_incoming_envelopes') is not null", connection);
        if (await exists.ExecuteScalarAsync() is not true)
        {
            return;
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        await using var waiting = new NpgsqlCommand("select count(*) from wolverine.wolverine_incoming_envelopes where status = 'Incoming'", connection);
        while (Convert.ToInt64(await waiting.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static bool IsDeadlock(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } || (e.InnerException is { } inner && IsDeadlock(inner));

    private static async Task ResetOnceAsync(IServiceProvider services)
    {
        await services.ResetAllMartenDataAsync();
        var store = (DocumentStore)services.GetRequiredService<IDocumentStore>();
        var tables = store.Options.Projections.All.OfType<EventProjection>()
            .SelectMany(p => p.SchemaObjects.OfType<Table>())
            .Select(t => t.Identifier.QualifiedName)
            .ToList();
        if (tables.Count == 0)
        {
            return;
        }

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var truncate = new NpgsqlCommand($"truncate {string.Join(", ", tables)}", connection);
        await truncate.ExecuteNonQueryAsync();
    }
}
