using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Schakel.Host.Identity;

namespace Schakel.Host.Live;

/// <summary>
/// The live connections of this host with the portal session each belongs to. A connection
/// authenticates once, when it opens; this keeps it from outliving its session: a session that
/// ends on this host (sign-out, "end this session", deactivation) closes its connections at once,
/// and <see cref="LiveSessionCheck"/> closes those whose session ended elsewhere or expired.
/// </summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, Entry> _open = new(StringComparer.Ordinal);

    public LiveConnections(SessionEnds ends)
    {
        ArgumentNullException.ThrowIfNull(ends);
        ends.Ended += Close;
    }

    public int Count => _open.Count;

    public void Add(HubCallerContext connection, Guid userId, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _open[connection.ConnectionId] = new Entry(connection, userId, sessionId);
    }

    public void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    /// <summary>The sessions that connections of this host hang on.</summary>
    public IReadOnlyCollection<Guid> Sessions() => _open.Values.Select(e => e.SessionId).Distinct().ToList();

    /// <summary>Closes every connection of a session that is no longer among <paramref name="alive"/>.</summary>
    public int CloseAllBut(IReadOnlySet<Guid> alive) => CloseWhere(e => !alive.Contains(e.SessionId));

    private void Close(SessionEnd end) => CloseWhere(e =>
        (end.SessionId is null || e.SessionId == end.SessionId) && (end.AccountId is null || e.UserId == end.AccountId));

    private int CloseWhere(Func<Entry, bool> ended)
    {
        var closed = 0;
        foreach (var (id, entry) in _open)
        {
            if (ended(entry) && _open.TryRemove(id, out _))
            {
                entry.Connection.Abort();
                closed++;
            }
        }

        return closed;
    }

    private sealed record Entry(HubCallerContext Connection, Guid UserId, Guid SessionId);
}

/// <summary>
/// Every <see cref="LiveUpdates.SessionCheckIntervalSetting"/> (30 s by default) asks the sessions
/// table which sessions of this host's live connections still exist, and closes the rest: sessions
/// ended on another host, or expired.
/// </summary>
public sealed partial class LiveSessionCheck(
    LiveConnections connections,
    IDbContextFactory<IdentityStore> stores,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<LiveOptions> options,
    ILogger<LiveSessionCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SessionCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(logger, e);
            }
        }
    }

    public async Task CheckAsync(CancellationToken ct)
    {
        var sessions = connections.Sessions();
        if (sessions.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await using var store = await stores.CreateDbContextAsync(ct).ConfigureAwait(false);
        var alive = await store.Sessions
            .Where(s => sessions.Contains(s.Id) && s.ExpiresAt > now)
            .Select(s => s.Id)
            .ToListAsync(ct).ConfigureAwait(false);
        var closed = connections.CloseAllBut(alive.ToHashSet());
        if (closed > 0)
        {
            LogClosed(logger, closed);
        }
    }

    [LoggerMessage(LogLevel.Information, "Closed {Count} live connections whose session ended")]
    private static partial void LogClosed(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Checking the sessions of live connections failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
