using System.Collections.Concurrent;
using System.Text.Json;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Schakel.Host.Infrastructure;

/// <summary>Ready only when PostgreSQL answers a query.</summary>
public sealed class PostgresHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var session = store.QuerySession();
            var one = await session.QueryAsync<int>("select 1", ct);
            return one.SingleOrDefault() == 1 ? HealthCheckResult.Healthy("PostgreSQL answers.") : HealthCheckResult.Unhealthy("PostgreSQL gave an unexpected answer.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.", e);
        }
    }
}

/// <summary>
/// Remembers, per async projection shard, when its position last moved, so that a projection
/// that is behind and has not moved for <see cref="StallAfter"/> counts as stalled. A projection
/// that is busy catching up keeps moving and stays healthy.
/// </summary>
public sealed class ProjectionStallDetector(TimeProvider clock, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, (long Sequence, DateTimeOffset Since)> _seen = new();

    public TimeSpan StallAfter { get; } = configuration.GetValue("Schakel:Health:ProjectionStallAfter", TimeSpan.FromSeconds(60));

    public long TolerableLag { get; } = configuration.GetValue("Schakel:Health:ProjectionTolerableLag", 0L);

    /// <summary>Returns the shards that are behind <paramref name="highWater"/> and have not moved for too long.</summary>
    public IReadOnlyList<string> Stalled(long highWater, IReadOnlyDictionary<string, long> positions)
    {
        var now = clock.GetUtcNow();
        var stalled = new List<string>();
        foreach (var (shard, sequence) in positions)
        {
            var seen = _seen.AddOrUpdate(shard, _ => (sequence, now), (_, old) => old.Sequence == sequence ? old : (sequence, now));
            if (highWater - sequence > TolerableLag && now - seen.Since >= StallAfter)
            {
                stalled.Add(shard);
            }
        }

        return stalled;
    }
}

public sealed class ProjectionsHealthCheck(IDocumentStore store, ProjectionStallDetector detector) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var highWater = await store.Storage.Database.FetchHighestEventSequenceNumber(ct);
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        var shards = ((StoreOptions)store.Options).Projections.All
            .Where(p => p.Lifecycle == ProjectionLifecycle.Async)
            .Select(p => p.Name)
            .ToList();
        var positions = shards.ToDictionary(
            shard => shard,
            shard => progress.Where(p => p.ShardName.StartsWith(shard + ":", StringComparison.Ordinal)).Select(p => p.Sequence).DefaultIfEmpty(0).Min());
        var stalled = detector.Stalled(highWater, positions);
        var data = positions.ToDictionary(p => p.Key, p => (object)p.Value);
        data["highWaterMark"] = highWater;
        return stalled.Count == 0
            ? HealthCheckResult.Healthy("Async projections are current or moving.", data)
            : HealthCheckResult.Unhealthy($"Stalled projections: {string.Join(", ", stalled)}.", data: data);
    }
}

public static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
