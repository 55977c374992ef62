using System.Collections.Concurrent;

namespace Schakel.FaultTests;

/// <summary>
/// Several GP-system streams posting questions back to back through one <see cref="QuestionPoster"/>,
/// each post with a fresh key and retried until answered, until <see cref="StopAsync"/>.
/// </summary>
public sealed class PostingLoad : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _streams;

    public PostingLoad(QuestionPoster poster, int streams, TimeSpan within)
    {
        Poster = poster;
        var deadline = DateTime.UtcNow + within;
        _streams = Enumerable.Range(0, streams).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var key = $"ft-{Guid.NewGuid():N}";
                Keys.Enqueue(key);
                await poster.PostUntilAnsweredAsync(key, deadline);
            }
        })).ToList();
    }

    public QuestionPoster Poster { get; }

    /// <summary>Every key a stream began to post.</summary>
    public ConcurrentQueue<string> Keys { get; } = new();

    /// <summary>Waits until <paramref name="more"/> further posts were answered; a failed stream fails the wait at once.</summary>
    public async Task WaitForAnswersAsync(int more, TimeSpan within, Func<string> context)
    {
        var from = Poster.Answers.Count;
        await FaultRig.WaitUntilAsync(() => Task.FromResult(Poster.Answers.Count >= from + more || _streams.Any(s => s.IsFaulted)),
            within, () => $"{more} more posts were not answered.{Environment.NewLine}{context()}");
        if (_streams.FirstOrDefault(s => s.IsFaulted) is { } failed)
        {
            await failed;
        }
    }

    /// <summary>Lets each stream finish the post it is on (so every key gets its answer), then stops.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_streams);
    }

    public void Dispose() => _stop.Dispose();
}
