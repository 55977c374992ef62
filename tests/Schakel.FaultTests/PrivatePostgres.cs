using System.Diagnostics;
using System.Globalization;

namespace Schakel.FaultTests;

/// <summary>
/// A throw-away PostgreSQL cluster of this test alone (initdb on a free 127.0.0.1 port, through
/// the same scripts/lib/postgres.sh that run.sh, test.sh and bench/run.sh use; as root it runs as
/// the postgres user), so that stopping it hard never disturbs other tests. Deleted on dispose.
/// Durable as in production (fsync and synchronous_commit on): with test.sh's synchronous_commit=off
/// an immediate stop loses commits PostgreSQL had already acknowledged, and so posts that got a 201.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"schakel-faults-pg-{Guid.NewGuid():N}"[..40]);
    private readonly string _password = Guid.NewGuid().ToString("N");
    private bool _initialised;

    private PrivatePostgres() => Port = HostProcess.FreePort();

    public int Port { get; }

    private string DataDirectory => Path.Combine(_work, "pg");

    /// <summary>The application's connection string (role schakel, database schakel).</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Database=schakel;Username=schakel;Password={_password}";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var cluster = new PrivatePostgres();
        Directory.CreateDirectory(cluster._work);
        File.SetUnixFileMode(cluster._work, (UnixFileMode)0b111_101_101); // the postgres user must reach the cluster inside
        try
        {
            cluster._initialised = true;
            await cluster.ShellAsync(
                """
                pg_find_bin "" &&
                pg_init "$DATA" "$PORT" "$PW" &&
                pg_start "$DATA" "$WORK/postgres.log" &&
                pg_wait_ready "$PORT" &&
                pg_ensure_db "$PORT" "$PW" schakel "$PW" schakel &&
                pg_ensure_extensions "$PORT" "$PW" schakel
                """, TimeSpan.FromSeconds(120));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server the hard way (pg_ctl -m immediate: no checkpoint, connections cut; crash recovery on the next start).</summary>
    public Task StopImmediatelyAsync() =>
        ShellAsync("""_pg_as "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null""", TimeSpan.FromSeconds(60));

    /// <summary>Starts the server again and waits until it accepts connections.</summary>
    public Task StartAgainAsync() =>
        ShellAsync("""pg_start "$DATA" "$WORK/postgres.log" && pg_wait_ready "$PORT" 60""", TimeSpan.FromSeconds(90));

    private async Task ShellAsync(string script, TimeSpan within)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"set -euo pipefail; source \"$LIB\"; pg_find_bin \"\"; {script}");
        start.Environment["LIB"] = Path.Combine(RepositoryRoot.Path, "scripts", "lib", "postgres.sh");
        start.Environment["DATA"] = DataDirectory;
        start.Environment["WORK"] = _work;
        start.Environment["PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PW"] = _password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"PostgreSQL script did not finish within {within}: {script}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL script failed ({process.ExitCode}): {script}{Environment.NewLine}{await stdout}{await stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable(FaultRig.KeepVariable) == "1")
        {
            Console.Error.WriteLine($"Kept for inspection ({FaultRig.KeepVariable}=1), still running: {ConnectionString} in {_work}");
            return;
        }

        if (_initialised && File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            try
            {
                await ShellAsync("""_pg_as "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true""", TimeSpan.FromSeconds(60));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // deleting the folder below is all that is left to do
            }
        }

        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
