using System.Globalization;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Schakel.Benchmarks;
using Schakel.Indicators;
using Schakel.SocialMap;
using Weasel.Core;

// Usage: Schakel.Benchmarks socialmap-search [--locations 50000] [--rate 50] [--seconds 60] [--radius 25]
//        Schakel.Benchmarks indicators [--practices 60] [--questions 5000] [--repeats 20]
// The database comes from SCHAKEL_BENCH_POSTGRES (bench/run.sh starts a throw-away cluster and sets it).
var command = args.FirstOrDefault() ?? "socialmap-search";
int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, $"--{name}");
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

var connection = Environment.GetEnvironmentVariable("SCHAKEL_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("Set SCHAKEL_BENCH_POSTGRES (bench/run.sh does).");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddMarten(opts =>
    {
        // The host's schema names, so the data set can also serve a benchmark against the host.
        opts.Connection(connection);
        opts.DatabaseSchemaName = "schakel";
        opts.Events.DatabaseSchemaName = "events";
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
using var host = builder.Build();
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
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Known: socialmap-search.");
        return 2;
}

await host.StopAsync();
return 0;
