using Xunit.Abstractions;
using System.Diagnostics;
using System.Text.Json;
using Schakel.Testing;

namespace Schakel.IntegrationTests.HostileInput;

/// <summary>
/// Sends hostile requests to the test host and judges each answer the way issue 9 asks: never a
/// 5xx; every 4xx an RFC 7807 problem (application/problem+json with a title) that shows no stack
/// trace or .NET type name; the one right status where a case has one (413 for size). Collects every
/// failure instead of stopping at the first, so one run shows them all.
/// </summary>
public sealed class HostileRun(IntegrationApp app) : IDisposable
{
    /// <summary>What a problem must never show: stack frames, exception and type names, our namespaces, the storage's names.</summary>
    private static readonly string[] Leaks =
        ["   at ", "Exception", "System.", "Schakel.", "Npgsql", "Marten.", "Wolverine.", "JasperFx", "mt_doc_", "mt_events", "StackTrace"];

    private readonly HttpClient _client = app.Host.Server.CreateClient();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public List<string> Failures { get; } = [];

    public int Requests { get; private set; }

    public HashSet<string> Endpoints { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Cases { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, int> Statuses { get; } = [];

    /// <summary>Answers in the 2xx range: the only requests that may leave a trace.</summary>
    public int Successes { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Sends one request as the endpoint's caller and judges the answer; returns its status.</summary>
    public async Task<int> SendAsync(PublicEndpoint endpoint, string caseName, string url, HttpContent? content, int? expected = null, bool mustRefuse = false)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url) { Content = content };
        request.Headers.Add(TestAuthentication.Header, TestAuthentication.Encode(TestUsers.ClaimsOf(endpoint.Caller)));
        Requests++;
        Endpoints.Add(endpoint.Name);
        Cases.Add(caseName);
        var where = $"{endpoint.Name} [{caseName}]";
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The test server rethrows what the pipeline did not handle: a real server would have answered 500.
            Failures.Add($"{where}: unhandled {e.GetType().Name}: {First(e.Message)}");
            return 500;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
            Successes += status is >= 200 and < 300 ? 1 : 0;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                Failures.Add($"{where}: {status} {First(text)}");
                return status;
            }

            if (expected is { } right && status != right)
            {
                Failures.Add($"{where}: {status}, expected {right}");
            }

            if (mustRefuse && status < 400)
            {
                Failures.Add($"{where}: accepted with {status}");
            }

            if (status >= 400)
            {
                Judge(where, status, response.Content.Headers.ContentType?.MediaType, text);
            }

            return status;
        }
    }

    private void Judge(string where, int status, string? mediaType, string text)
    {
        if (mediaType != "application/problem+json")
        {
            Failures.Add($"{where}: {status} as {mediaType ?? "(no content type)"}, not a problem: {First(text)}");
            return;
        }

        try
        {
            using var problem = JsonDocument.Parse(text);
            if (!problem.RootElement.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
            {
                Failures.Add($"{where}: {status} problem without a title: {First(text)}");
            }

            if (problem.RootElement.TryGetProperty("status", out var said) && said.GetInt32() != status)
            {
                Failures.Add($"{where}: {status} problem says status {said.GetInt32()}");
            }
        }
        catch (JsonException)
        {
            Failures.Add($"{where}: {status} problem is no JSON: {First(text)}");
        }

        var leak = Leaks.FirstOrDefault(l => text.Contains(l, StringComparison.Ordinal));
        if (leak is not null)
        {
            Failures.Add($"{where}: {status} problem shows '{leak}': {First(text)}");
        }
    }

    /// <summary>The summary issue 9 asks for: requests, endpoints, cases, statuses, time.</summary>
    public void Report(ITestOutputHelper output, string title)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{title}: {Requests} requests, {Endpoints.Count} endpoints, {Cases.Count} cases, {Elapsed.TotalSeconds:0.0} s");
        output.WriteLine("  answers: " + string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        output.WriteLine($"  failures: {Failures.Count}");
        foreach (var failure in Failures.Take(200))
        {
            output.WriteLine("    " + failure);
        }
    }

    private static string First(string text) => text.Length <= 300 ? text : text[..300] + "...";

    public void Dispose() => _client.Dispose();
}
