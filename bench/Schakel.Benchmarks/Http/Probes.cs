using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Schakel.Benchmarks.Http;

/// <summary>
/// Another process's resources, read from /proc while a phase runs: its peak resident memory
/// (VmRSS sampled every 100 ms) and its CPU time (utime + stime of /proc/&lt;pid&gt;/stat) over
/// the phase's wall time, as a percentage of one core.
/// </summary>
public sealed class ProcessProbe : IAsyncDisposable
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly int _pid;
    private readonly long _cpuTicksAtStart;
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakKilobytes;

    private ProcessProbe(int pid)
    {
        _pid = pid;
        _cpuTicksAtStart = CpuTicks(pid);
        _peakKilobytes = RssKilobytes(pid);
        _sampling = SampleAsync();
    }

    public static ProcessProbe Start(int pid) => new(pid);

    /// <summary>Stops sampling: peak RSS in MB and CPU in % of one core since the start.</summary>
    public async Task<(long PeakRssMegabytes, double CpuPercent)> StopAsync()
    {
        var ticks = CpuTicks(_pid) - _cpuTicksAtStart;
        var wall = Stopwatch.GetElapsedTime(_startedAt);
        await _stop.CancelAsync();
        await _sampling;
        Observe();
        return (Interlocked.Read(ref _peakKilobytes) / 1024, ticks / TicksPerSecond / wall.TotalSeconds * 100);
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Observe();
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private void Observe()
    {
        var now = RssKilobytes(_pid);
        long peak;
        do
        {
            peak = Interlocked.Read(ref _peakKilobytes);
        }
        while (now > peak && Interlocked.CompareExchange(ref _peakKilobytes, now, peak) != peak);
    }

    /// <summary>VmRSS of /proc/&lt;pid&gt;/status in kB (0 when the process is gone).</summary>
    public static long RssKilobytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // exited
        }

        return 0;
    }

    /// <summary>utime + stime of /proc/&lt;pid&gt;/stat, in clock ticks (fields 14 and 15; counted after the command's closing parenthesis).</summary>
    public static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state): utime is field 14, stime field 15.
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}

/// <summary>
/// PostgreSQL's own time, from pg_stat_statements (preloaded in the bench cluster by bench/run.sh):
/// reset before a phase, then the summed execution time of every statement the database ran in
/// the phase (the host's requests, its background work, COMMITs) and how many there were.
/// </summary>
public sealed class DatabaseTime(string adminConnectionString)
{
    public sealed record Spent(double Milliseconds, long Calls, long Commits, double CommitMilliseconds);

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_stat_statements_reset()", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Everything since the last reset, except this probe's own statements.</summary>
    public async Task<Spent> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select coalesce(sum(total_exec_time), 0)::float8, coalesce(sum(calls), 0)::int8,
                   coalesce(sum(calls) filter (where upper(query) like 'COMMIT%'), 0)::int8,
                   coalesce(sum(total_exec_time) filter (where upper(query) like 'COMMIT%'), 0)::float8
            from pg_stat_statements s join pg_database d on d.oid = s.dbid
            where d.datname = current_database() and query not like '%pg_stat_statements%'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Spent(reader.GetDouble(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3));
    }
}
