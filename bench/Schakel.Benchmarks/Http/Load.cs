using System.Diagnostics;

namespace Schakel.Benchmarks.Http;

/// <summary>How load is driven: open loop at a fixed arrival rate, or closed loop at a fixed concurrency.</summary>
public static class Load
{
    /// <summary>
    /// Open loop: operation i is due at start + i/rate and is sent then, whether or not earlier
    /// ones have answered. Its latency is measured from that intended moment, not from when it
    /// was actually sent, so a stall of the host (or of this generator) shows in the figures
    /// instead of silently lowering the rate (no coordinated omission). An operation that throws
    /// counts as an error.
    /// </summary>
    public static async Task<TimeSpan> OpenLoopAsync(Figures figures, int ratePerSecond, TimeSpan duration, Func<int, Task> operation, CancellationToken ct)
    {
        var total = (int)(ratePerSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / ratePerSecond);
        var started = Stopwatch.GetTimestamp();
        var running = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, ct);
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await operation(index);
                    figures.Record(Stopwatch.GetElapsedTime(started) - due);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    figures.Fail(e);
                }
            }, ct));
        }

        await Task.WhenAll(running);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Closed loop: <paramref name="concurrency"/> workers, each sending its next operation when the
    /// last one answered, for <paramref name="duration"/> or until <paramref name="limit"/> operations were sent.
    /// </summary>
    public static async Task<TimeSpan> ClosedLoopAsync(Figures figures, int concurrency, TimeSpan duration, Func<int, Task> operation, CancellationToken ct, int limit = int.MaxValue)
    {
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= limit)
                {
                    return;
                }

                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await operation(index);
                    figures.Record(Stopwatch.GetElapsedTime(sent));
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    figures.Fail(e);
                }
            }
        }, ct));
        await Task.WhenAll(workers);
        return Stopwatch.GetElapsedTime(started);
    }
}
