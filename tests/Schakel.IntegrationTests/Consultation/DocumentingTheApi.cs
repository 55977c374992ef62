using System.Text.Json;
using Alba;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>HIS vendors code against the consultation API: every route is in the OpenAPI document, described, with examples.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class DocumentingTheApi(IntegrationApp app)
{
    /// <summary>The routes the issue promises to keep.</summary>
    public static readonly TheoryData<string, string> PublicRoutes = new()
    {
        { "post", "/api/consultations" },
        { "get", "/api/consultations" },
        { "get", "/api/consultations/{id}" },
        { "post", "/api/consultations/{id}/claim" },
        { "post", "/api/consultations/{id}/messages" },
        { "post", "/api/consultations/{id}/clarification-requests" },
        { "post", "/api/consultations/{id}/clarifications" },
        { "post", "/api/consultations/{id}/answer" },
        { "post", "/api/consultations/{id}/close" },
        { "post", "/api/consultations/{id}/withdraw" },
        { "get", "/api/consultations/{id}/timeline" },
        { "post", "/api/consultations/{id}/handover" },
        { "post", "/api/consultations/{id}/attachments" },
        { "get", "/api/consultations/{id}/attachments/{attachmentId}" },
        { "get", "/api/socialmap/search" },
        { "get", "/api/socialmap/locations/{id}" },
        { "post", "/api/socialmap/locations" },
        { "put", "/api/socialmap/locations/{id}" },
        { "post", "/api/socialmap/locations/{id}/verify" },
        { "post", "/api/socialmap/locations/{id}/retire" },
        { "get", "/api/socialmap/locations/{id}/history" },
        { "get", "/api/socialmap/stale" },
        { "post", "/api/socialmap/import" },
        { "get", "/api/socialmap/export" },
    };

    /// <summary>The APIs whose every route must carry descriptions and examples.</summary>
    private static readonly string[] Documented = ["/api/consultations", "/api/follow-up", "/api/patients", "/api/referrals", "/api/agreements", "/api/referral/falls-prevention", "/api/socialmap", "/api/indicators"];

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task a_promised_route_is_in_the_document(string method, string route)
    {
        var paths = (await DocumentAsync()).RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty(route, out var path) && path.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {route} is missing.");
    }

    [Fact]
    public async Task every_route_of_a_documented_api_is_described_with_examples_and_its_problems()
    {
        var paths = (await DocumentAsync()).RootElement.GetProperty("paths");
        var checkedOperations = 0;
        var missing = new List<string>();
        foreach (var path in paths.EnumerateObject().Where(p => Documented.Any(d => p.Name.StartsWith(d, StringComparison.Ordinal))))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                checkedOperations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var op = operation.Value;
                if (!op.TryGetProperty("summary", out _))
                {
                    missing.Add($"{name}: summary");
                }

                if (!op.TryGetProperty("description", out var description) || description.GetString() == op.GetProperty("operationId").GetString())
                {
                    missing.Add($"{name}: description");
                }

                if (op.TryGetProperty("requestBody", out var body) && !Json(body.GetProperty("content")).All(c => c.Value.TryGetProperty("example", out _)))
                {
                    missing.Add($"{name}: request example");
                }

                var responses = op.GetProperty("responses");
                var success = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                if (success.Count == 0 || !success.Where(r => r.Value.TryGetProperty("content", out _))
                        .All(r => Json(r.Value.GetProperty("content")).All(c => c.Value.TryGetProperty("example", out _))))
                {
                    missing.Add($"{name}: response example");
                }

                if (path.Name.Contains("{id}", StringComparison.Ordinal)
                    && !(responses.TryGetProperty("404", out var notFound) && notFound.GetProperty("content").GetProperty("application/problem+json").TryGetProperty("example", out _)))
                {
                    missing.Add($"{name}: 404 problem example");
                }
            }
        }

        Assert.True(checkedOperations >= 18, $"Only {checkedOperations} documented operations were found.");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task the_link_from_emails_is_not_part_of_the_api()
    {
        var paths = (await DocumentAsync()).RootElement.GetProperty("paths");

        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/consultaties", StringComparison.Ordinal));
    }

    /// <summary>The JSON media types of a body (a file upload or download has no JSON example).</summary>
    private static IEnumerable<JsonProperty> Json(JsonElement content) =>
        content.EnumerateObject().Where(c => c.Name.Contains("json", StringComparison.Ordinal));

    private async Task<JsonDocument> DocumentAsync()
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        return JsonDocument.Parse(await result.ReadAsTextAsync());
    }
}
