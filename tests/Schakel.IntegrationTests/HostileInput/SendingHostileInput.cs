using Xunit.Abstractions;
using Schakel.Testing;

namespace Schakel.IntegrationTests.HostileInput;

/// <summary>
/// Issue 9, "bad input": a corpus of malformed and hostile requests against every public API
/// endpoint. Never a 500, always a problem, nothing stored that should not be, 413 for size.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SendingHostileInput(IntegrationApp app, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The module APIs the corpus must reach; a prefix that finds no endpoint fails the run.</summary>
    private static readonly string[] ModulePrefixes =
    [
        "/api/consultations", "/api/referrals", "/api/referral/falls-prevention", "/api/follow-up", "/api/agreements", "/api/patients",
        "/api/socialmap", "/api/indicators", "/api/notifications", "/api/access-log", "/api/admin", "/api/smime",
    ];

    private IReadOnlyList<PublicEndpoint> _endpoints = [];

    public async Task InitializeAsync()
    {
        await app.ResetDataAsync();
        _endpoints = await PublicEndpoints.DiscoverAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void every_module_api_is_found_with_a_caller_it_lets_in()
    {
        foreach (var endpoint in _endpoints)
        {
            output.WriteLine($"{endpoint.Name,-70} {endpoint.Body,-14} als {endpoint.CallerRole}; query: {string.Join(",", endpoint.QueryParameters)}");
        }

        Assert.All(ModulePrefixes, prefix => Assert.Contains(_endpoints, e => e.Route.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Contains(_endpoints, e => e.Body == BodyKind.Json);
        Assert.Contains(_endpoints, e => e.Body == BodyKind.Multipart);
        Assert.Contains(_endpoints, e => e.Method == "GET" && e.QueryParameters.Count > 0);
        // Only the portal-cookie routes refuse every test caller; everything else is reached by someone.
        Assert.All(_endpoints.Where(e => e.CallerRole.StartsWith("niemand", StringComparison.Ordinal)),
            e => Assert.StartsWith("/api/notifications", e.Route, StringComparison.Ordinal));
    }

    [Fact]
    public async Task malformed_bodies_are_refused_with_a_problem_and_nothing_is_stored()
    {
        var before = await StoredRows.CountAsync(app.ConnectionString);
        var accessLog = await StoredRows.AccessLogEndAsync(app.ConnectionString);
        using var run = new HostileRun(app);

        foreach (var endpoint in _endpoints.Where(e => e.TakesBody))
        {
            foreach (var body in HostileCorpus.Refused.SelectMany(c => c.For(endpoint)))
            {
                // An endpoint that reads no body ignores whatever comes; one that reads JSON must refuse all of it.
                await run.SendAsync(endpoint, body.Case, endpoint.Url, body.Content, body.Expected, mustRefuse: endpoint.Body != BodyKind.None);
            }
        }

        run.Report(output, "Kapotte en vijandige bodies");
        await AssertNothingStoredAsync(before, accessLog, run);
        Assert.Empty(run.Failures);
    }

    [Fact]
    public async Task a_body_over_the_size_limit_is_answered_413_by_every_endpoint()
    {
        var before = await StoredRows.CountAsync(app.ConnectionString);
        using var run = new HostileRun(app);

        foreach (var endpoint in _endpoints.Where(e => e.TakesBody))
        {
            foreach (var body in HostileCorpus.Oversize.SelectMany(c => c.For(endpoint)))
            {
                // File endpoints have a larger limit of their own; over the host's limit they answer by content (415, 400) but never take it.
                // An endpoint that reads no body answers without reading a chunked one, as Kestrel would: it never meets its size.
                var ownLimit = endpoint.Body is BodyKind.Multipart or BodyKind.CsvOrMultipart;
                var unread = endpoint.Body == BodyKind.None && body.Chunked;
                await run.SendAsync(endpoint, body.Case, endpoint.Url, body.Content, ownLimit || unread ? null : body.Expected, mustRefuse: !unread);
            }
        }

        run.Report(output, "Te grote bodies");
        Assert.Empty(StoredRows.Changes(before, await StoredRows.CountAsync(app.ConnectionString)));
        Assert.Empty(run.Failures);
    }

    [Fact]
    public async Task hostile_text_in_one_field_of_a_valid_body_is_refused_or_taken_never_a_500()
    {
        using var run = new HostileRun(app);
        var stored = new List<string>();

        foreach (var endpoint in _endpoints.Where(e => e.Body == BodyKind.Json))
        {
            var before = await StoredRows.CountAsync(app.ConnectionString);
            var accepted = 0;
            foreach (var body in HostileCorpus.HostileTextPerField(endpoint))
            {
                accepted += await run.SendAsync(endpoint, body.Case, endpoint.Url, body.Content) is >= 200 and < 300 ? 1 : 0;
            }

            // Whatever is stored was answered with a success: a refusal leaves nothing behind.
            var changes = StoredRows.Changes(before, await StoredRows.CountAsync(app.ConnectionString));
            if (accepted == 0)
            {
                Assert.True(changes.Count == 0, $"{endpoint.Name} refused everything yet stored: {string.Join("; ", changes)}");
            }
            else
            {
                stored.Add($"{endpoint.Name}: {accepted} accepted ({string.Join("; ", changes)})");
            }
        }

        run.Report(output, "Vijandige tekst per veld");
        foreach (var line in stored)
        {
            output.WriteLine("  taken: " + line);
        }

        Assert.Empty(run.Failures);
    }

    [Fact]
    public async Task odd_query_strings_get_an_answer_or_a_problem_and_store_nothing()
    {
        var before = await StoredRows.CountAsync(app.ConnectionString);
        var accessLog = await StoredRows.AccessLogEndAsync(app.ConnectionString);
        using var run = new HostileRun(app);

        foreach (var endpoint in _endpoints.Where(e => e.Method == "GET"))
        {
            // Every parameter at once, an unknown one, and the culture switch every request honours.
            var parameters = endpoint.QueryParameters.Count > 0 ? endpoint.QueryParameters : ["q"];
            foreach (var query in HostileCorpus.Queries)
            {
                var url = endpoint.Url + "?" + string.Join('&', parameters.Append("onbekend").Append("culture").Append("ui-culture").Select(query.Query));
                await run.SendAsync(endpoint, "query: " + query.Name, url, null);
            }
        }

        run.Report(output, "Vreemde querystrings");
        await AssertNothingStoredAsync(before, accessLog, run);
        Assert.Empty(run.Failures);
    }

    [Fact]
    public async Task odd_route_values_get_an_answer_or_a_problem_and_store_nothing()
    {
        var before = await StoredRows.CountAsync(app.ConnectionString);
        var accessLog = await StoredRows.AccessLogEndAsync(app.ConnectionString);
        using var run = new HostileRun(app);

        foreach (var endpoint in _endpoints.Where(e => e.Pattern.Parameters.Count > 0))
        {
            foreach (var parameter in endpoint.Pattern.Parameters)
            {
                foreach (var (name, value) in HostileCorpus.RouteValues)
                {
                    await run.SendAsync(endpoint, $"route {parameter.Name}: {name}", endpoint.UrlWith(parameter.Name, value), null);
                }
            }
        }

        run.Report(output, "Vreemde waarden in de route");
        await AssertNothingStoredAsync(before, accessLog, run);
        Assert.Empty(run.Failures);
    }

    [Fact]
    public async Task forged_multipart_and_csv_are_refused_with_a_problem_and_nothing_is_stored()
    {
        var before = await StoredRows.CountAsync(app.ConnectionString);
        var accessLog = await StoredRows.AccessLogEndAsync(app.ConnectionString);
        using var run = new HostileRun(app);
        var files = _endpoints.Where(e => e.Body is BodyKind.Multipart or BodyKind.CsvOrMultipart).ToList();
        Assert.Equal(
            ["POST /api/consultations/{id}/attachments", "POST /api/smime/certificates", "POST /api/socialmap/import"],
            files.Select(e => e.Name).Order(StringComparer.Ordinal));

        foreach (var endpoint in files)
        {
            var cases = endpoint.Body == BodyKind.CsvOrMultipart ? HostileCorpus.Multipart.Concat(HostileCorpus.Csv) : HostileCorpus.Multipart;
            foreach (var body in cases.SelectMany(c => c.For(endpoint)))
            {
                await run.SendAsync(endpoint, body.Case, endpoint.Url, body.Content, body.Expected, mustRefuse: true);
            }
        }

        run.Report(output, "Vervalste multipart en CSV");
        await AssertNothingStoredAsync(before, accessLog, run);
        Assert.Empty(run.Failures);
    }

    private async Task AssertNothingStoredAsync(IReadOnlyDictionary<string, long> before, long accessLogEnd, HostileRun run)
    {
        Assert.Empty(StoredRows.Changes(before, await StoredRows.CountAsync(app.ConnectionString)));
        // The access log records every answered look at patient data (and every search of the log itself);
        // a refused request leaves no "allowed" entry, so there are at most as many as there were successes.
        var logged = await StoredRows.AccessLogTailAsync(app.ConnectionString, accessLogEnd);
        output.WriteLine($"  access log: {logged.Count} new entries ({string.Join(", ", logged.GroupBy(l => (l.Outcome, l.Action, l.Resource)).Select(g => $"{g.Key} x{g.Count()}"))})");
        Assert.InRange(logged.Count(l => l.Outcome == "Allowed"), 0, run.Successes);
    }
}
