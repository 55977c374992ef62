using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Schakel.Host.Audit;

/// <summary>
/// Deletes access-log entries older than the retention period (<c>Schakel:AccessLog:RetentionYears</c>,
/// at least five years). The database's own floor applies too: it never deletes younger entries,
/// even when this host's clock runs ahead of the database's.
/// </summary>
public sealed partial class AccessLogPurge(
    AccessLogDatabase database,
    IOptions<AccessLogOptions> options,
    TimeProvider clock,
    ILogger<AccessLogPurge> logger)
{
    /// <summary>Small batches keep each delete's locks and WAL short on a large log.</summary>
    private const int BatchSize = 10_000;

    private const string DeleteBatch = """
        delete from audit.access_log
        where id in (
            select id from audit.access_log
            where occurred_at < least(@cutoff, now() - interval '5 years')
            order by occurred_at
            limit @batch)
        """;

    public DateTimeOffset Cutoff => clock.GetUtcNow().AddYears(-options.Value.RetentionYears);

    /// <summary>Deletes what has expired; returns how many entries went.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var cutoff = Cutoff;
        var total = 0;
        int deleted;
        do
        {
            await using var command = database.DataSource.CreateCommand(DeleteBatch);
            command.Parameters.Add(new NpgsqlParameter("cutoff", NpgsqlDbType.TimestampTz) { Value = cutoff.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Integer) { Value = BatchSize });
            deleted = await command.ExecuteNonQueryAsync(ct);
            total += deleted;
        }
        while (deleted == BatchSize);

        LogPurged(logger, total, options.Value.RetentionYears);
        return total;
    }

    [LoggerMessage(LogLevel.Information, "Access log purge: {Deleted} entries older than {RetentionYears} years deleted")]
    private static partial void LogPurged(ILogger logger, int deleted, int retentionYears);
}

/// <summary>Runs the purge a minute after start and then once a day; every host may run it, it is idempotent.</summary>
internal sealed partial class DailyAccessLogPurge(AccessLogPurge purge, TimeProvider clock, ILogger<DailyAccessLogPurge> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRunAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunAfter, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await purge.PurgeAsync(stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    // A missed purge is retried tomorrow; keeping entries longer harms no one.
                    LogPurgeFailed(logger, e);
                }

                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Error, "Access log purge failed; it runs again in a day")]
    private static partial void LogPurgeFailed(ILogger logger, Exception e);
}
