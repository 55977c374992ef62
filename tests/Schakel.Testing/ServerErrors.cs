using System.Collections.Concurrent;
using Alba;
using Microsoft.AspNetCore.Diagnostics;
using Serilog.Core;
using Serilog.Events;

namespace Schakel.Testing;

/// <summary>
/// The errors a test host logged, by request: a scenario answered with 500 fails with the server's
/// own exception in its message, instead of only the problem the client saw (a CI-only 500 once
/// left nothing to go on).
/// </summary>
public sealed class ServerErrors : ILogEventSink
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<(string? RequestId, string Text)> _errors = new();

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Level < LogEventLevel.Error)
        {
            return;
        }

        var requestId = logEvent.Properties.TryGetValue("RequestId", out var value) && value is ScalarValue { Value: { } id } ? id.ToString() : null;
        _errors.Enqueue((requestId, $"{logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}{Environment.NewLine}{logEvent.Exception}"));
        while (_errors.Count > Kept && _errors.TryDequeue(out _))
        {
        }
    }

    /// <summary>What the host logged as errors while it handled the request <paramref name="requestId"/>; failing that, its last errors.</summary>
    public IReadOnlyList<string> For(string requestId)
    {
        var ours = _errors.Where(e => e.RequestId == requestId).Select(e => e.Text).ToList();
        return ours.Count > 0
            ? ours
            : _errors.Reverse().Take(3).Select(e => $"(not tied to this request; request {e.RequestId ?? "none"}) {e.Text}").ToList();
    }

    /// <summary>Makes every scenario of <paramref name="host"/> that ends in 500 fail with the server's errors for it.</summary>
    public void Watch(IAlbaHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.AfterEachAsync(async context =>
        {
            if (context.Response.StatusCode != 500)
            {
                return;
            }

            // The client may see the answer before the server's logging of it has run to the end: wait a moment for it.
            var patience = System.Diagnostics.Stopwatch.StartNew();
            while (!_errors.Any(e => e.RequestId == context.TraceIdentifier) && patience.Elapsed < TimeSpan.FromSeconds(2))
            {
                await Task.Delay(20);
            }

            // The exception handler re-executes on the error page; the feature keeps the path that failed.
            var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
            throw new ServerErrorException(context.Request.Method, path, For(context.TraceIdentifier));
        });
    }
}

public sealed class ServerErrorException(string method, string path, IReadOnlyList<string> errors)
    : Exception($"{method} {path} answered 500. The server logged:{Environment.NewLine}{(errors.Count == 0 ? "(nothing for this request)" : string.Join(Environment.NewLine, errors))}");
