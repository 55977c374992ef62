using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Schakel.Testing.Processes;

namespace Schakel.Benchmarks.Http;

/// <summary>
/// Portal pages listening on the live channel (/hubs/live) the way live.js does: a WebSocket with
/// the sign-in's session cookie, hearing "questionChanged" pokes (ids only). Each receipt is
/// stamped with this process's clock, so it can be set against the moment the post's response
/// arrived.
/// </summary>
public sealed class LiveListeners : IAsyncDisposable
{
    private readonly List<Listener> _listeners = [];
    private readonly Lock _gate = new();

    public int Count { get { lock (_gate) { return _listeners.Count; } } }

    public IReadOnlyList<Listener> All { get { lock (_gate) { return [.. _listeners]; } } }

    /// <summary>Opens <paramref name="count"/> connections for <paramref name="user"/>'s session, at most <paramref name="parallel"/> at a time; returns how many failed.</summary>
    public async Task<int> ConnectAsync(Uri baseAddress, SignedInUser user, int count, int parallel, CancellationToken ct)
    {
        var failed = 0;
        using var gate = new SemaphoreSlim(parallel);
        var opening = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var listener = new Listener(user, Build(baseAddress, user.Client.CookieHeader));
                await listener.Connection.StartAsync(ct);
                lock (_gate)
                {
                    _listeners.Add(listener);
                }
            }
            catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException or TimeoutException or IOException or InvalidOperationException)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(opening);
        return failed;
    }

    private static HubConnection Build(Uri baseAddress, string cookie) => new HubConnectionBuilder()
        .WithUrl(new Uri(baseAddress, "/hubs/live"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.Headers["Cookie"] = cookie;
        })
        .Build();

    /// <summary>Connections still open (not closed by the host or the network).</summary>
    public int Connected() => All.Count(l => l.Connection.State == HubConnectionState.Connected);

    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in All.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(l => l.Connection.DisposeAsync().AsTask()));
        }
    }

    /// <summary>One open page: who it belongs to and when each question's poke arrived.</summary>
    public sealed class Listener
    {
        public Listener(SignedInUser user, HubConnection connection)
        {
            User = user;
            Connection = connection;
            connection.On<JsonElement>("questionChanged", poke =>
            {
                if (poke.TryGetProperty("questionId", out var id) && id.TryGetGuid(out var questionId))
                {
                    Received.TryAdd(questionId, Stopwatch.GetTimestamp());
                }
            });
        }

        public SignedInUser User { get; }

        public HubConnection Connection { get; }

        /// <summary>Question id → Stopwatch timestamp of the first poke about it.</summary>
        public ConcurrentDictionary<Guid, long> Received { get; } = new();
    }
}

/// <summary>A demo person signed in through the portal (password + authenticator code), with her client.</summary>
public sealed record SignedInUser(DemoLogin Login, SignedInClient Client);
