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

    private FaultRig(string connectionString, string work, Func<Task>? dropDatabase, ITestOutputHelper output)
    {
        ConnectionString = connectionString;
        _work = work;
        _dropDatabase = dropDatabase;
        Output = output;
        Host = new HostProcess(new Dictionary<string, string>
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
        });
    }

    public string ConnectionString { get; }

    public ITestOutputHelper Output { get; }

    public SmtpSink Mail { get; } = new();

    public HostProcess Host { get; }

    public string AccountsFile => Path.Combine(_work, "demo-accounts.json");

    /// <summary>A fresh database on the test PostgreSQL (SCHAKEL_TEST_POSTGRES), dropped afterwards.</summary>
    public static async Task<FaultRig> OnTestDatabaseAsync(string name, ITestOutputHelper output)
    {
        var baseline = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString);
        var database = $"{baseline.Database}_{name}_{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        // Created and dropped from the maintenance database: the test database itself may not exist yet.
        var maintenance = new NpgsqlConnectionStringBuilder(baseline.ConnectionString) { Database = "postgres" }.ConnectionString;
        await ExecuteAsync(maintenance, $"create database \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(baseline.ConnectionString) { Database = database }.ConnectionString;
        return await StartAsync(connectionString, () => ExecuteAsync(maintenance, $"drop database if exists \"{database}\" with (force)"), output);
    }

    /// <summary>A rig on a database the caller owns (a private cluster), left in place.</summary>
    public static Task<FaultRig> OnDatabaseAsync(string connectionString, ITestOutputHelper output) => StartAsync(connectionString, null, output);

    private static async Task<FaultRig> StartAsync(string connectionString, Func<Task>? drop, ITestOutputHelper output)
    {
        var work = Path.Combine(Path.GetTempPath(), $"schakel-faults-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var rig = new FaultRig(connectionString, work, drop, output);
        try
        {
            await rig.Mail.StartAsync();
            rig.Host.SetEnvironment("Schakel__Smtp__Port", rig.Mail.Port.ToString(CultureInfo.InvariantCulture));
            var clock = Stopwatch.StartNew();
            await rig.Host.StartAsync(FirstStart);
            output.WriteLine($"Host pid {rig.Host.ProcessId} ready at {rig.Host.BaseAddress} in {clock.Elapsed.TotalSeconds:0.0} s (first start: schema and demo region).");
            // The region is in the database now; later starts are plain restarts, as in production.
            rig.Host.SetEnvironment("Schakel__Demo__Seed", "false");
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>A GP of the first demo practice, signed in through the portal with password and authenticator code.</summary>
    public async Task<SignedInClient> SignInGpAsync(TimeSpan requestTimeout)
    {
        var gp = (await DemoLogin.ReadAsync(AccountsFile)).First(a => a.Role == SchakelRoles.GeneralPractitioner);
        return await SignedInClient.SignInAsync(Host.BaseAddress, gp, requestTimeout);
    }

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
        await Host.DisposeAsync();
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
