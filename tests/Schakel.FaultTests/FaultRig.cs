using System.Diagnostics;
using System.Globalization;
using MimeKit;
using Npgsql;
using Schakel.BuildingBlocks.Access;
using Schakel.Testing;
using Xunit.Abstractions;

namespace Schakel.FaultTests;

/// <summary>
/// One real host process on its own database, with a real SMTP sink and the demo region seeded
/// (hospital pools, practices, accounts with authenticators), and a GP signed in through the
/// portal. The database is created for the rig and dropped when it is disposed.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    public static readonly TimeSpan FirstStart = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan Restart = TimeSpan.FromSeconds(60);

    /// <summary>Set to 1 to keep a test's database after the run, to look inside.</summary>
    public const string KeepVariable = "SCHAKEL_FAULTS_KEEP_DATABASE";

    public const string SenderDomain = "faults.example.nl";

    private const string DemoPassword = "Fouten-injectie-2026!";
    private readonly string _work;
    private readonly Func<Task>? _dropDatabase;

    private readonly Dictionary<string, string> _environment;
    private readonly List<HostProcess> _hosts = [];

    private FaultRig(string connectionString, string work, Func<Task>? dropDatabase, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings)
    {
        ConnectionString = connectionString;
        _work = work;
        _dropDatabase = dropDatabase;
        Output = output;
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Schakel"] = connectionString,
            ["Schakel__Pseudonyms__Key"] = Convert.ToBase64String("fault-injection-pseudonym-key-32-bytes!!"u8.ToArray()),
            ["Schakel__Demo__Seed"] = "true",
            ["Schakel__Demo__Password"] = DemoPassword,
            ["Schakel__Demo__AccountsFile"] = AccountsFile,
            ["Schakel__Identity__RequireHttps"] = "false",
            ["Schakel__Smtp__Host"] = Mail.Host,
            ["Schakel__Smtp__SslMode"] = "None",
            ["Schakel__Smtp__FromAddress"] = $"schakel@{SenderDomain}",
            ["Schakel__Logging__Json"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[name] = value;
        }

        _hosts.Add(new HostProcess(_environment));
    }

    public string ConnectionString { get; }

    public ITestOutputHelper Output { get; }

    public SmtpSink Mail { get; } = new();

    /// <summary>The first host process: the one every rig has.</summary>
    public HostProcess Host => _hosts[0];

    /// <summary>Every host process of the rig, the first one first (see <see cref="StartAnotherHostAsync"/>).</summary>
    public IReadOnlyList<HostProcess> Hosts => _hosts;

    public string AccountsFile => Path.Combine(_work, "demo-accounts.json");

    /// <summary>
    /// A fresh database on the test PostgreSQL (SCHAKEL_TEST_POSTGRES), dropped afterwards.
    /// <paramref name="settings"/> are environment variables for every host process of the rig (added, or in place of the rig's own).
    /// </summary>
    public static async Task<FaultRig> OnTestDatabaseAsync(string name, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseline = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString);
        var database = $"{baseline.Database}_{name}_{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        // Created and dropped from the maintenance database: the test database itself may not exist yet.
        var maintenance = new NpgsqlConnectionStringBuilder(baseline.ConnectionString) { Database = "postgres" }.ConnectionString;
        await ExecuteAsync(maintenance, $"create database \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(baseline.ConnectionString) { Database = database }.ConnectionString;
        return await StartAsync(connectionString, () => ExecuteAsync(maintenance, $"drop database if exists \"{database}\" with (force)"), output, settings);
    }

    /// <summary>A rig on a database the caller owns (a private cluster), left in place.</summary>
    public static Task<FaultRig> OnDatabaseAsync(string connectionString, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(connectionString, null, output, settings);

    private static async Task<FaultRig> StartAsync(string connectionString, Func<Task>? drop, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings)
    {
        var work = Path.Combine(Path.GetTempPath(), $"schakel-faults-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var rig = new FaultRig(connectionString, work, drop, output, settings);
        try
        {
            await rig.Mail.StartAsync();
            rig.Configure("Schakel__Smtp__Port", rig.Mail.Port.ToString(CultureInfo.InvariantCulture));
            var clock = Stopwatch.StartNew();
            await rig.Host.StartAsync(FirstStart);
            output.WriteLine($"Host pid {rig.Host.ProcessId} ready at {rig.Host.BaseAddress} in {clock.Elapsed.TotalSeconds:0.0} s (first start: schema and demo region).");
            // The region is in the database now; later starts are plain restarts, as in production.
            rig.Configure("Schakel__Demo__Seed", "false");
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets an environment variable for every host process of the rig, from its next start on, and for hosts added later.</summary>
    public void Configure(string name, string value)
    {
        _environment[name] = value;
        foreach (var host in _hosts)
        {
            host.SetEnvironment(name, value);
        }
    }

    /// <summary>
    /// One more host process with the rig's settings: the same database, mail server and (when the
    /// settings give one) Redis, on a port of its own; started after the first, so it finds the
    /// schema and the region in place.
    /// </summary>
    public async Task<HostProcess> StartAnotherHostAsync()
    {
        var host = new HostProcess(_environment);
        _hosts.Add(host);
        var clock = Stopwatch.StartNew();
        await host.StartAsync(Restart);
        Output.WriteLine($"Host {_hosts.Count} pid {host.ProcessId} ready at {host.BaseAddress} in {clock.Elapsed.TotalSeconds:0.0} s.");
        return host;
    }

    /// <summary>A GP of the first demo practice, signed in through the portal with password and authenticator code.</summary>
    public Task<SignedInClient> SignInGpAsync(TimeSpan requestTimeout) => SignInAsync(Host, SchakelRoles.GeneralPractitioner, requestTimeout);

    /// <summary>The first demo account with <paramref name="role"/>, signed in through the portal of <paramref name="host"/> (whose clock is <paramref name="clockShift"/> off).</summary>
    public async Task<SignedInClient> SignInAsync(HostProcess host, string role, TimeSpan requestTimeout, TimeSpan? clockShift = null) =>
        await SignedInClient.SignInAsync(host.BaseAddress, await DemoAccountAsync(role), requestTimeout, clockShift);

    /// <summary>The first demo account with <paramref name="role"/> (a <see cref="SchakelRoles"/> name), from the accounts file the first start wrote.</summary>
    public async Task<DemoLogin> DemoAccountAsync(string role) =>
        (await DemoLogin.ReadAsync(AccountsFile)).First(a => a.Role == role);

    /// <summary>kill -9 the host, then start it again and wait until it is ready; returns how long it was away.</summary>
    public async Task<TimeSpan> KillAndRestartAsync()
    {
        var clock = Stopwatch.StartNew();
        await Host.KillAsync();
        await Host.StartAsync(Restart);
        return clock.Elapsed;
    }

    /// <summary>Every message at the SMTP sink, with its Message-Id.</summary>
    public IReadOnlyList<MimeMessage> Messages() => Mail.Messages();

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Polls <paramref name="condition"/> every 200 ms until it holds; fails with <paramref name="what"/> after <paramref name="within"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"Not within {within}: {what()}");
            }

            await Task.Delay(200);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Mail.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable(KeepVariable) == "1")
        {
            Output.WriteLine($"Kept for inspection ({KeepVariable}=1): {new NpgsqlConnectionStringBuilder(ConnectionString).Database}.");
        }
        else if (_dropDatabase is not null)
        {
            await _dropDatabase();
        }

        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
