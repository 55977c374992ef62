using System.Diagnostics;
using System.Globalization;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Schakel.SocialMap.Search;

namespace Schakel.Benchmarks;

/// <summary>
/// The social-map search at national scale (issue 6 and 9): fills the social map to the asked
/// number of locations through the module's own decision and projections, then searches at a fixed
/// rate from random PC4 areas with a radius and random filters, and times the database's part of
/// the same searches on its own.
/// </summary>
public sealed class SocialMapSearchBenchmark(IServiceProvider services, TextWriter output)
{
    public sealed record Options(int Locations, int RatePerSecond, int Seconds, int RadiusKm);

    public async Task<IReadOnlyList<Figures>> RunAsync(Options options, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var areas = services.GetRequiredService<PostcodeAreas>();
        var origins = areas.All.ToList();
        await FillAsync(store, areas, origins, options.Locations, ct);

        var random = new Random(7);
        var criteria = Enumerable.Range(0, 5_000).Select(_ => RandomCriteria(random, origins, options.RadiusKm)).ToList();

        // Warm up: JIT, connection pool, PostgreSQL caches.
        foreach (var c in criteria.Take(200))
        {
            await SearchOnceAsync(store, c, ct);
        }

        var search = new Figures($"social-map search, {options.Locations:N0} locations, {options.RadiusKm} km, filters, {options.RatePerSecond}/s");
        var cpuBefore = ProcessFigures.CpuTime();
        var wall = Stopwatch.StartNew();
        var running = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / options.RatePerSecond);
        var total = options.RatePerSecond * options.Seconds;
        var found = 0L;
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            if (due > wall.Elapsed)
            {
                await Task.Delay(due - wall.Elapsed, ct);
            }

            var c = criteria[i % criteria.Count];
            running.Add(Task.Run(async () =>
            {
                try
                {
                    var results = await Figures.TimeAsync(search, () => SearchOnceAsync(store, c, ct));
                    Interlocked.Add(ref found, results.Total);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // counted by TimeAsync
                }
            }, ct));
        }

        await Task.WhenAll(running);
        var elapsed = wall.Elapsed;
        var cpu = ProcessFigures.CpuTime() - cpuBefore;

        var database = new Figures("  the database's part (candidate query, sequential)");
        foreach (var c in criteria.Take(Math.Min(total, 2_000)))
        {
            await using var session = store.QuerySession();
            await using var connection = session.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = TherapistSearch.CandidatesCommand(connection, c);
            var clock = Stopwatch.StartNew();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                }
            }

            database.Record(clock.Elapsed);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"searches: {search.Count:N0} in {elapsed.TotalSeconds:0.0} s ({search.Count / elapsed.TotalSeconds:0.0}/s), mean results {(double)found / Math.Max(1, search.Count):0}, errors {search.Errors}, process CPU {cpu.TotalSeconds / elapsed.TotalSeconds * 100:0}% of one core, RSS {ProcessFigures.RssMegabytes()} MB"));
        return [search, database];
    }

    /// <summary>Fills the social map to <paramref name="count"/> locations (for the benchmark over HTTP); returns the PC4 areas to search from.</summary>
    public async Task<IReadOnlyList<string>> FillAsync(int count, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var areas = services.GetRequiredService<PostcodeAreas>();
        var origins = areas.All.ToList();
        await FillAsync(store, areas, origins, count, ct);
        return origins.Select(o => o.Digits).ToList();
    }

    private static async Task<SearchResults> SearchOnceAsync(IDocumentStore store, SearchCriteria criteria, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await TherapistSearch.RunAsync(session, criteria, DateTimeOffset.UtcNow, ct);
    }

    private static SearchCriteria RandomCriteria(Random random, IReadOnlyList<PostcodeArea> origins, int radiusKm) => new(
        origins[random.Next(origins.Count)],
        radiusKm,
        random.NextDouble() < 0.5 ? TherapistDiscipline.Physiotherapist : null,
        random.NextDouble() < 0.6 ? (FallsPreventionOffer)random.Next(0, 5) : null,
        random.NextDouble() < 0.2 ? FundingRoute.BasicInsurance : null,
        random.NextDouble() < 0.3 ? true : null,
        random.NextDouble() < 0.1 ? "tr" : null,
        random.NextDouble() < 0.5 ? true : null,
        1,
        20);

    /// <summary>Lists locations until the map holds <paramref name="count"/>: the same decision and projections as the API, in batches.</summary>
    private async Task FillAsync(IDocumentStore store, PostcodeAreas areas, IReadOnlyList<PostcodeArea> origins, int count, CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            var existing = await query.Query<TherapistLocation>().CountAsync(ct);
            if (existing >= count)
            {
                output.WriteLine($"social map: {existing:N0} locations already there");
                return;
            }

            count -= existing;
        }

        var clock = Stopwatch.StartNew();
        var by = new EntryAuthor(EntrySource.Import, null, "benchmark");
        var batch = 0;
        var session = store.LightweightSession();
        try
        {
            foreach (var (entry, verifiedAt) in SocialMapDataSet.National(areas, origins.Select(o => o.Digits)).Generate(count, DateTimeOffset.UtcNow))
            {
                var listed = ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), entry, areas, by, verifiedAt);
                session.Events.StartStream<TherapistLocation>(listed.LocationId, listed);
                if (++batch % 500 == 0)
                {
                    await session.SaveChangesAsync(ct);
                    await session.DisposeAsync();
                    session = store.LightweightSession();
                }
            }

            await session.SaveChangesAsync(ct);
        }
        finally
        {
            await session.DisposeAsync();
        }

        // What autovacuum would do shortly after a bulk load; without statistics the first searches plan blind.
        await using (var analyze = store.QuerySession())
        {
            await using var connection = analyze.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = new Npgsql.NpgsqlCommand($"analyze {LocationSearchIndex.QualifiedName}", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"social map: listed {count:N0} locations in {clock.Elapsed.TotalSeconds:0.0} s"));
    }
}
