using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Schakel.BuildingBlocks.Access;
using Wolverine.Http;

namespace Schakel.Indicators.Records;

/// <summary>What a rebuild did: the projections replayed and the records they hold afterwards.</summary>
public sealed record RebuildReport(IReadOnlyList<string> Projections, int Records, TimeSpan Took);

/// <summary>
/// Replays the module's facts into its records: after a fix in a fold, or to prove that the figures
/// follow from the event store alone. Marten's rebuild empties each projection's documents first.
/// </summary>
public static class RebuildingTheRecords
{
    public static async Task<RebuildReport> RunAsync(IDocumentStore store, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var daemon = await store.BuildProjectionDaemonAsync(logger: logger).ConfigureAwait(false);
        var names = new List<string>();
        foreach (var projection in IndicatorsModule.Projections)
        {
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(10), ct).ConfigureAwait(false);
            names.Add(projection.Name);
        }

        await using var session = store.QuerySession();
        var records = await session.Query<ConsultationRecord>().CountAsync(ct).ConfigureAwait(false)
            + await session.Query<HospitalReferralRecord>().CountAsync(ct).ConfigureAwait(false)
            + await session.Query<FollowUpRecord>().CountAsync(ct).ConfigureAwait(false)
            + await session.Query<FallsPreventionRecord>().CountAsync(ct).ConfigureAwait(false)
            + await session.Query<DirectoryEntryRecord>().CountAsync(ct).ConfigureAwait(false);
        logger.LogInformation("Rebuilt the indicator records ({Projections}): {Records} records in {Took}", string.Join(", ", names), records, started.Elapsed);
        return new RebuildReport(names, records, started.Elapsed);
    }

    /// <summary>An administrator rebuilds the records from the module's events (the figures do not change).</summary>
    [WolverinePost("/api/indicators/rebuild"), Tags("Indicatoren")]
    [Authorize(Policy = SchakelPolicies.Administrator)]
    [EndpointSummary("Rebuild the indicator records from the module's events (administrator); the figures stay the same")]
    public static async Task<Ok<RebuildReport>> Post(IDocumentStore store, ILogger<RebuildReport> logger, CancellationToken ct) =>
        TypedResults.Ok(await RunAsync(store, logger, ct).ConfigureAwait(false));
}
