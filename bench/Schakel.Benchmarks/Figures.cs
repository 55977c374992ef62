using System.Diagnostics;
using System.Globalization;

namespace Schakel.Benchmarks;

/// <summary>Latencies of one operation in a run, and the figures a benchmark table shows.</summary>
public sealed class Figures(string operation)
{
    private readonly List<double> _milliseconds = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private int _errors;

    public string Operation => operation;

    public int Count { get { lock (_gate) { return _milliseconds.Count; } } }

    public int Errors => _errors;

    public void Record(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    public void Fail() => Interlocked.Increment(ref _errors);

    /// <summary>Counts an error and keeps its reason (the first few distinct ones are shown).</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Interlocked.Increment(ref _errors);
        lock (_gate)
        {
            var reason = error.Message.Length > 160 ? error.Message[..160] : error.Message;
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>Why operations failed, with how often.</summary>
    public IReadOnlyList<string> Reasons()
    {
        lock (_gate)
        {
            return _reasons.OrderByDescending(r => r.Value).Take(5).Select(r => $"{r.Value}x {r.Key}").ToList();
        }
    }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _milliseconds.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }

    public static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);

    public static async Task<T> TimeAsync<T>(Figures figures, Func<Task<T>> operation)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await operation();
            figures.Record(clock.Elapsed);
            return result;
        }
        catch
        {
            figures.Fail();
            throw;
        }
    }
}

/// <summary>The process's own resources, read from /proc on Linux.</summary>
public static class ProcessFigures
{
    public static long RssMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / (1024 * 1024);
    }

    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
