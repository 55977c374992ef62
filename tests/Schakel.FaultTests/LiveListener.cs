using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Schakel.Host.Live;

namespace Schakel.FaultTests;

/// <summary>
/// A portal page's live connection, as live.js opens it: the SignalR .NET client on a real host's
/// hub (/hubs/live), with the cookies of a person's portal sign-in. Keeps every question poke with
/// the moment it arrived.
/// </summary>
public sealed class LiveListener : IAsyncDisposable
{
    private readonly Channel<(Guid Question, string Change, TimeSpan At)> _pokes = Channel.CreateUnbounded<(Guid, string, TimeSpan)>();
    private readonly Stopwatch _clock;
    private readonly HubConnection _connection;

    private LiveListener(HubConnection connection, Stopwatch clock)
    {
        _connection = connection;
        _clock = clock;
        connection.On<JsonElement>(LiveHub.QuestionChanged, poke => _pokes.Writer.TryWrite(
            (poke.GetProperty("questionId").GetGuid(), poke.GetProperty("change").GetString()!, _clock.Elapsed)));
    }

    /// <summary>Connects <paramref name="person"/>'s sign-in to the hub of the host she signed in on; <paramref name="clock"/> times the pokes.</summary>
    public static async Task<LiveListener> ConnectAsync(SignedInClient person, Stopwatch clock)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(person.Http.BaseAddress!, LiveHub.Path), o => o.Headers["Cookie"] = person.CookieHeader)
            .Build();
        var listener = new LiveListener(connection, clock);
        await connection.StartAsync();
        return listener;
    }

    /// <summary>The first poke about <paramref name="question"/>, and when it came (on the listener's clock).</summary>
    public async Task<(string Change, TimeSpan At)> NextAboutAsync(Guid question, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                var poke = await _pokes.Reader.ReadAsync(timeout.Token);
                if (poke.Question == question)
                {
                    return (poke.Change, poke.At);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No poke about question {question} within {within} (connection {_connection.State}).");
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
