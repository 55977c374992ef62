using System.Diagnostics;
using System.Globalization;
using Schakel.Testing;
using Schakel.Testing.Processes;

namespace Schakel.Benchmarks.Http;

/// <summary>
/// The host as production runs it, as a process on the bench cluster: Production environment,
/// the demo region seeded on the first start (hospital pools, practices, accounts with
/// authenticators, written to an accounts file), e-mail to a real SMTP sink, warnings-only logs.
/// Configured like the fault tests' rig (tests/Schakel.FaultTests/FaultRig.cs).
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private const string DemoPassword = "Benchmark-demo-2026!";
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"schakel-bench-host-{Guid.NewGuid():N}");

    private BenchHost(string connectionString)
    {
        Directory.CreateDirectory(_work);
        Process = new HostProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Schakel"] = connectionString,
            ["Schakel__Pseudonyms__Key"] = Convert.ToBase64String("benchmark-pseudonym-key-of-32-bytes!!!!!"u8.ToArray()),
            ["Schakel__Demo__Seed"] = "true",
            ["Schakel__Demo__Password"] = DemoPassword,
            ["Schakel__Demo__AccountsFile"] = AccountsFile,
            ["Schakel__Identity__RequireHttps"] = "false",
            ["Schakel__Smtp__Host"] = Mail.Host,
            ["Schakel__Smtp__SslMode"] = "None",
            ["Schakel__Smtp__FromAddress"] = "schakel@bench.example.nl",
            ["Schakel__Logging__Json"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        });
    }

    public HostProcess Process { get; }

    public SmtpSink Mail { get; } = new();

    public string AccountsFile => Path.Combine(_work, "demo-accounts.json");

    public Uri BaseAddress => Process.BaseAddress;

    public int Pid => Process.ProcessId ?? throw new InvalidOperationException("The host is not running.");

    /// <summary>Starts the SMTP sink and the host for the first time: schema, demo region, accounts file.</summary>
    public static async Task<BenchHost> FirstStartAsync(string connectionString, TextWriter output)
    {
        var host = new BenchHost(connectionString);
        try
        {
            await host.Mail.StartAsync();
            host.Process.SetEnvironment("Schakel__Smtp__Port", host.Mail.Port.ToString(CultureInfo.InvariantCulture));
            var clock = Stopwatch.StartNew();
            await host.Process.StartAsync(TimeSpan.FromSeconds(180));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"host pid {host.Pid} ready at {host.BaseAddress} in {clock.Elapsed.TotalSeconds:0.0} s (first start: schema and demo region)"));
            host.Process.SetEnvironment("Schakel__Demo__Seed", "false");
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the host (if it runs), starts it again on the existing database, and returns the time from process start to /health/ready 200.</summary>
    public async Task<TimeSpan> RestartAsync()
    {
        await Process.KillAsync();
        var clock = Stopwatch.StartNew();
        await Process.StartAsync(TimeSpan.FromSeconds(120));
        return clock.Elapsed;
    }

    public Task StopAsync() => Process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await Mail.DisposeAsync();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
