using System.Globalization;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Schakel.Benchmarks;
using Schakel.Benchmarks.Http;
using Schakel.Indicators;
using Schakel.SocialMap;
using Weasel.Core;

// Usage: Schakel.Benchmarks [http] [--quick] [--locations 50000] [--inbox 500] [--clients 2000]
//        Schakel.Benchmarks socialmap-search [--locations 50000] [--rate 50] [--seconds 60] [--radius 25]
//        Schakel.Benchmarks indicators [--practices 60] [--questions 5000] [--repeats 20]
// The database comes from SCHAKEL_BENCH_POSTGRES (bench/run.sh starts a throw-away cluster and sets it);
// the suite over HTTP also reads pg_stat_statements through SCHAKEL_BENCH_POSTGRES_ADMIN.
var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "http";
int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, $"--{name}");
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

var connection = Environment.GetEnvironmentVariable("SCHAKEL_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("Set SCHAKEL_BENCH_POSTGRES (bench/run.sh does).");

// The module's own code in this process (no Wolverine), on the host's schema names and event
// metadata, so what it stores is what the host reads.
IHost DataHost()
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddMarten(opts =>
        {
            opts.Connection(connection);
            opts.DatabaseSchemaName = "schakel";
            opts.Events.DatabaseSchemaName = "events";
            opts.Events.MetadataConfig.CorrelationIdEnabled = true;
            opts.Events.MetadataConfig.CausationIdEnabled = true;
            opts.DisableNpgsqlLogging = true;
            opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        })
        .UseLightweightSessions()
        .ApplyAllDatabaseChangesOnStartup();
    builder.Services.AddSingleton(TimeProvider.System);
    builder.AddSocialMap();
    builder.AddIndicators();
    // No Wolverine here: the module's hourly reminder round needs the host's message bus, and a benchmark sends no e-mail.
    foreach (var reminders in builder.Services.Where(d => d.ImplementationType == typeof(Schakel.SocialMap.Freshness.StaleReminderSchedule)).ToList())
    {
        builder.Services.Remove(reminders);
    }

    return builder.Build();
}

if (command == "http")
{
    var quick = args.Contains("--quick");
    var admin = Environment.GetEnvironmentVariable("SCHAKEL_BENCH_POSTGRES_ADMIN")
        ?? throw new InvalidOperationException("Set SCHAKEL_BENCH_POSTGRES_ADMIN (bench/run.sh does): a superuser connection for pg_stat_statements.");
    var settings = new HttpSuite.Settings(connection, admin, quick ? HttpSuite.Durations.Quick : HttpSuite.Durations.Full,
        Option("locations", 50_000), Option("inbox", 500), Option("clients", 2_000), Environment.GetEnvironmentVariable("SCHAKEL_BENCH_PGDATA"),
        async count =>
        {
            // Straight into the database while the host is stopped, through the module's own decision and projections.
            using var data = DataHost();
            await data.StartAsync();
            var postcodes = await new SocialMapSearchBenchmark(data.Services, Console.Out).FillAsync(count, CancellationToken.None);
            await data.StopAsync();
            return postcodes;
        });
    Console.WriteLine(quick ? "Quick run (short phases, for development; figures are not the issue's)." : "Full run (the issue's phase lengths).");
    var rows = await new HttpSuite(settings, Console.Out).RunAsync();
    HttpSuite.Print(rows, Console.Out);
    return 0;
}

using var host = DataHost();
await host.StartAsync();

switch (command)
{
    case "indicators":
        var indicatorFigures = await new IndicatorsBenchmark(host.Services.GetRequiredService<IDocumentStore>(), Console.Out)
            .RunAsync(new IndicatorsBenchmark.Options(Option("practices", 60), Option("questions", 5_000), Option("repeats", 20)), CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine("| operation | n | p50 ms | p95 ms | max ms |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var f in indicatorFigures)
        {
            Console.WriteLine($"| {f.Operation} | {f.Count} | {Figures.Ms(f.Percentile(50))} | {Figures.Ms(f.Percentile(95))} | {Figures.Ms(f.Percentile(100))} |");
        }

        break;

    case "socialmap-search":
        var options = new SocialMapSearchBenchmark.Options(Option("locations", 50_000), Option("rate", 50), Option("seconds", 60), Option("radius", 25));
        var figures = await new SocialMapSearchBenchmark(host.Services, Console.Out).RunAsync(options, CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine("| operation | n | p50 ms | p95 ms | p99 ms | errors |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var f in figures)
        {
            Console.WriteLine($"| {f.Operation} | {f.Count} | {Figures.Ms(f.Percentile(50))} | {Figures.Ms(f.Percentile(95))} | {Figures.Ms(f.Percentile(99))} | {f.Errors} |");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search p95 / database p95: {figures[0].Percentile(95) / figures[1].Percentile(95):0.0}x; target p95 <= 20 ms at 50/s: {(figures[0].Percentile(95) <= 20 && figures[0].Errors == 0 ? "met" : "MISSED")}"));
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Known: http (the default), socialmap-search, indicators.");
        return 2;
}

await host.StopAsync();
return 0;
