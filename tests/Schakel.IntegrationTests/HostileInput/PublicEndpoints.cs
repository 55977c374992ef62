using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Api;
using Schakel.Testing;

namespace Schakel.IntegrationTests.HostileInput;

/// <summary>What an endpoint reads from a request body.</summary>
public enum BodyKind
{
    /// <summary>Nothing: the body is ignored.</summary>
    None,
    Json,
    Multipart,
    /// <summary>The social-map import: a CSV body, or a multipart form with the file.</summary>
    CsvOrMultipart,
}

/// <summary>One public API route as the running host has it, with a caller who may use it and a request shape.</summary>
public sealed record PublicEndpoint(
    string Method, string Route, string Url, CareUser Caller, string CallerRole, BodyKind Body, JsonNode? Example, IReadOnlyList<string> QueryParameters,
    RoutePattern Pattern)
{
    /// <summary>The URL with one route parameter set to <paramref name="rawValue"/> (sent as it is, not encoded again).</summary>
    public string UrlWith(string parameter, string rawValue) => PublicEndpoints.Fill(Pattern, parameter, rawValue);

    public string Name => $"{Method} {Route}";

    /// <summary>Takes the request's body (POST, PUT, PATCH).</summary>
    public bool TakesBody => Method is "POST" or "PUT" or "PATCH";
}

/// <summary>
/// Every /api route of the running host (EndpointDataSource, like <c>SafeByDefault</c>), with route
/// parameters filled with fresh values, the documented example body (the modules' ApiExamples) and
/// query parameters (the OpenAPI document, plus those an endpoint reads from the query itself), and
/// the first of GP, internist, rheumatologist, coordinator and administrator it does not refuse.
/// </summary>
public static class PublicEndpoints
{
    /// <summary>Query parameters that endpoints read from the request themselves, so the API description does not list them.</summary>
    private static readonly Dictionary<string, string[]> QueryReadByHand = new(StringComparer.Ordinal)
    {
        ["/api/indicators"] = ["period", "hospital", "specialty", "practice", "scope"],
        ["/api/notifications"] = ["after"],
    };

    public static async Task<IReadOnlyList<PublicEndpoint>> DiscoverAsync(IntegrationApp app)
    {
        var services = app.Host.Services;
        var routes = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").StartsWith("/api/", StringComparison.Ordinal)
                        && !(e.RoutePattern.RawText ?? "").StartsWith("/api/docs", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Endpoint: e)))
            .Where(x => x.Method is "GET" or "POST" or "PUT" or "PATCH" or "DELETE")
            .ToList();

        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var examples = services.GetServices<ApiExamples>().SelectMany(e => e.Routes)
            .ToDictionary(e => (e.Method.ToUpperInvariant(), e.Route), e => e.Request is null ? null : JsonSerializer.SerializeToNode(e.Request, e.Request.GetType(), json));
        using var document = JsonDocument.Parse(await app.Host.Server.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths");

        var found = new List<PublicEndpoint>();
        foreach (var (method, endpoint) in routes)
        {
            var raw = endpoint.RoutePattern.RawText!;
            var documented = Schakel.Host.Infrastructure.OpenApiExamples.RouteOf(raw);
            var operation = paths.TryGetProperty(documented, out var path) && path.TryGetProperty(method.ToLowerInvariant(), out var op) ? op : (JsonElement?)null;
            var query = Query(operation).Concat(QueryReadByHand.Where(q => documented.StartsWith(q.Key, StringComparison.Ordinal)).SelectMany(q => q.Value))
                .Distinct(StringComparer.Ordinal).ToList();
            var body = BodyOf(method, raw, operation);
            examples.TryGetValue((method, documented), out var example);
            var url = Fill(endpoint.RoutePattern);
            var (caller, role) = await CallerAsync(app, method, url);
            found.Add(new PublicEndpoint(method, documented, url, caller, role, body, body == BodyKind.Json ? example ?? new JsonObject() : null, query, endpoint.RoutePattern));
        }

        return found.OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Query(JsonElement? operation) =>
        operation is { } op && op.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)
            : [];

    private static BodyKind BodyOf(string method, string route, JsonElement? operation)
    {
        if (method is "GET")
        {
            return BodyKind.None;
        }

        if (route == "/api/socialmap/import")
        {
            return BodyKind.CsvOrMultipart;
        }

        if (operation is not { } op || !op.TryGetProperty("requestBody", out var requestBody))
        {
            return BodyKind.None;
        }

        var content = requestBody.GetProperty("content");
        return content.TryGetProperty("multipart/form-data", out _) ? BodyKind.Multipart
            : content.TryGetProperty("application/json", out _) ? BodyKind.Json
            : BodyKind.None;
    }

    /// <summary>Route parameters with fresh values of the kind the constraint asks for.</summary>
    internal static string Fill(RoutePattern pattern, string? hostile = null, string? rawValue = null)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter when parameter.Name == hostile => rawValue,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(FreshValue(parameter)),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    private static string FreshValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Contains("guid"))
        {
            return Guid.CreateVersion7().ToString();
        }

        if (constraints.Contains("int"))
        {
            return "1";
        }

        return parameter.Name switch
        {
            "pool" => "InternalMedicine",
            "patientRef" => TestPatients.NewReference(),
            "address" => $"onbekend-{Guid.NewGuid():N}@example.nl",
            "key" => "onbekende-indicator",
            _ => "onbekend-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The first of the product's people whom the route's authorization lets in (a probe without a body).</summary>
    private static async Task<(CareUser, string)> CallerAsync(IntegrationApp app, string method, string url)
    {
        var hospital = Guid.CreateVersion7();
        (CareUser User, string Role)[] candidates =
        [
            (TestUsers.Gp(Guid.CreateVersion7()), "huisarts"),
            (TestUsers.Internist(hospital), "internist"),
            (TestUsers.Rheumatologist(hospital), "reumatoloog"),
            (TestUsers.Coordinator(), "coördinator"),
            (TestUsers.Administrator(), "beheerder"),
        ];
        using var client = app.Host.Server.CreateClient();
        foreach (var (user, role) in candidates)
        {
            using var probe = new HttpRequestMessage(new HttpMethod(method), url);
            probe.Headers.Add(TestAuthentication.Header, TestAuthentication.Encode(TestUsers.ClaimsOf(user)));
            using var response = await client.SendAsync(probe);
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                return (user, role);
            }
        }

        return (candidates[0].User, "niemand (401/403 voor iedereen)");
    }
}
