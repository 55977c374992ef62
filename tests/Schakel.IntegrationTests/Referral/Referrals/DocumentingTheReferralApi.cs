using System.Text.Json;
using Alba;

namespace Schakel.IntegrationTests.Referral.Referrals;

/// <summary>HIS vendors code against the referral API: every promised route is in the OpenAPI document, described, with examples.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class DocumentingTheReferralApi(IntegrationApp app)
{
    public static readonly TheoryData<string, string> PublicRoutes = new()
    {
        { "post", "/api/referrals" },
        { "get", "/api/referrals" },
        { "get", "/api/referrals/{id}" },
        { "post", "/api/referrals/{id}/accept" },
        { "post", "/api/referrals/{id}/decline" },
        { "post", "/api/referrals/{id}/invitations" },
        { "post", "/api/referrals/{id}/appointment" },
        { "post", "/api/referrals/{id}/no-response" },
        { "post", "/api/referrals/{id}/complete" },
    };

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task a_promised_route_is_described_with_its_examples(string method, string route)
    {
        var paths = (await DocumentAsync()).RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty(route, out var path) && path.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {route} is missing.");
        var op = path.GetProperty(method);
        Assert.True(op.TryGetProperty("summary", out _), "summary");
        Assert.NotEqual(op.GetProperty("operationId").GetString(), op.GetProperty("description").GetString());
        if (op.TryGetProperty("requestBody", out var body))
        {
            Assert.True(body.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), "request example");
        }

        var success = op.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
        Assert.NotEmpty(success);
        Assert.All(success, r => Assert.True(r.Value.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{r.Name} example"));
        if (route.Contains("{id}", StringComparison.Ordinal))
        {
            Assert.True(op.GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/problem+json").TryGetProperty("example", out _), "404 example");
        }
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        return JsonDocument.Parse(await result.ReadAsTextAsync());
    }
}
