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
/// the phase (the host's requests, its background work) and how many there were; and from
/// pg_stat_wal (track_wal_io_timing on) the time spent writing and syncing the write-ahead log,
/// which is where a commit waits and which pg_stat_statements does not see. The suite's own
/// queries carry the marker "bench-probe" and are left out.
/// </summary>
public sealed class DatabaseTime(string adminConnectionString)
{
    /// <param name="Milliseconds">Execution time of the statements.</param>
    /// <param name="WalMilliseconds">Time spent writing and syncing the write-ahead log (commits wait for it; pg_stat_statements does not count it).</param>
    public sealed record Spent(double Milliseconds, long Calls, long Commits, double WalMilliseconds, long WalSyncs, IReadOnlyList<string> Top)
    {
        public double TotalMilliseconds => Milliseconds + WalMilliseconds;
    }

    private long _commitsAtReset;

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_stat_statements_reset(), pg_stat_reset_shared('wal')", connection);
        await command.ExecuteNonQueryAsync();
        await using var commits = new NpgsqlCommand("select xact_commit from pg_stat_database where datname = current_database()", connection);
        _commitsAtReset = (long)(await commits.ExecuteScalarAsync())!;
    }

    /// <summary>Everything since the last reset, except this probe's own statements.</summary>
    public async Task<Spent> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select coalesce(sum(total_exec_time), 0)::float8, coalesce(sum(calls), 0)::int8,
                   (select xact_commit from pg_stat_database where datname = current_database())::int8,
                   (select wal_write_time + wal_sync_time from pg_stat_wal)::float8,
                   (select wal_sync from pg_stat_wal)::int8
            from pg_stat_statements s join pg_database d on d.oid = s.dbid
            where d.datname = current_database() and query not like '%pg_stat_statements%' and query not like '%bench-probe%'
            """,
            connection);
        double total, wal;
        long calls, commits, syncs;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (total, calls, commits, wal, syncs) = (reader.GetDouble(0), reader.GetInt64(1), reader.GetInt64(2) - _commitsAtReset, reader.GetDouble(3), reader.GetInt64(4));
        }

        // Where the time went: the three statements with the most total time (their text is parameterised: no data).
        await using var top = new NpgsqlCommand(
            """
            select total_exec_time, calls, regexp_replace(query, '\s+', ' ', 'g')
            from pg_stat_statements s join pg_database d on d.oid = s.dbid
            where d.datname = current_database() and query not like '%pg_stat_statements%' and query not like '%bench-probe%'
            order by total_exec_time desc limit 3
            """,
            connection);
        var lines = new List<string>();
        await using (var reader = await top.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var text = reader.GetString(2);
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{reader.GetDouble(0):0} ms in {reader.GetInt64(1):N0} calls: {(text.Length > 110 ? text[..110] + "…" : text)}"));
            }
        }

        return new Spent(total, calls, commits, wal, syncs, lines);
    }
}

/// <summary>
/// Where the machine's CPU went in a phase: the bench PostgreSQL cluster (postmaster and its
/// children, found from postmaster.pid of SCHAKEL_BENCH_PGDATA), this load generator, and the
/// whole machine (/proc/stat: busy of all cores, so other work on the machine shows too).
/// </summary>
public sealed class MachineProbe(string? dataDirectory)
{
    private Dictionary<int, long> _postgresTicks = [];
    private TimeSpan _ownCpu;
    private (long Busy, long Total) _machine;
    private long _startedAt;

    public sealed record Shares(double PostgresPercent, double GeneratorPercent, double MachineBusyPercent);

    public void Start()
    {
        _postgresTicks = PostgresTicks();
        _ownCpu = OwnCpu();
        _machine = MachineTicks();
        _startedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>PostgreSQL's and the generator's CPU in % of one core; the machine's busy time in % of all its cores.</summary>
    public Shares Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        // Per process: a backend that started in the phase counts whole; one that ended in it is lost (an undercount, never negative).
        var postgres = PostgresTicks().Sum(p => Math.Max(0, p.Value - _postgresTicks.GetValueOrDefault(p.Key))) / 100.0 / wall * 100;
        var own = (OwnCpu() - _ownCpu).TotalSeconds / wall * 100;
        var (busy, total) = MachineTicks();
        var machine = total > _machine.Total ? (double)(busy - _machine.Busy) / (total - _machine.Total) * 100 : double.NaN;
        return new Shares(dataDirectory is null ? double.NaN : postgres, own, machine);
    }

    private static TimeSpan OwnCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>CPU ticks per process of the cluster: the postmaster and its children.</summary>
    private Dictionary<int, long> PostgresTicks()
    {
        var ticks = new Dictionary<int, long>();
        var pidFile = dataDirectory is null ? null : Path.Combine(dataDirectory, "postmaster.pid");
        if (pidFile is null || !File.Exists(pidFile))
        {
            return ticks;
        }

        var postmaster = int.Parse(File.ReadLines(pidFile).First().Trim(), CultureInfo.InvariantCulture);
        ticks[postmaster] = ProcessProbe.CpuTicks(postmaster);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == postmaster)
            {
                ticks[pid] = ProcessProbe.CpuTicks(pid);
            }
        }

        return ticks;
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture); // field 4: ppid
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>The first line of /proc/stat: (busy, total) jiffies of all cores; idle and iowait are not busy.</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }
}
