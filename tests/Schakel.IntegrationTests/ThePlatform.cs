using System.Text.Json;
using Alba;
using Schakel.Testing;

namespace Schakel.IntegrationTests;

[Collection(IntegrationCollection.Name)]
public sealed class ThePlatform(IntegrationApp app)
{
    [Fact]
    public async Task is_live_and_ready_when_postgresql_answers_and_projections_run()
    {
        await app.Host.Scenario(s => s.Get.Url("/health/live"));
        var ready = await app.Host.Scenario(s => s.Get.Url("/health/ready"));

        using var body = JsonDocument.Parse(await ready.ReadAsTextAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("projections").GetProperty("status").GetString());
    }

    [Fact]
    public async Task publishes_an_openapi_document_with_the_module_endpoints()
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));

        using var document = JsonDocument.Parse(await result.ReadAsTextAsync());
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/socialmap/locations", out _));
        Assert.True(paths.TryGetProperty("/api/referral/falls-prevention-providers", out _));
    }

    [Fact]
    public async Task serves_the_interactive_api_reference()
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/api/docs/"));

        Assert.Contains("Schakel API", await result.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_start_page_speaks_dutch_by_default_and_english_on_request()
    {
        var dutch = await app.Host.Scenario(s => s.Get.Url("/"));
        var dutchHtml = await dutch.ReadAsTextAsync();
        Assert.Contains("<html lang=\"nl\">", dutchHtml, StringComparison.Ordinal);
        Assert.Contains("Welkom bij Schakel", dutchHtml, StringComparison.Ordinal);

        var english = await app.Host.Scenario(s => s.Get.Url("/?culture=en"));
        var englishHtml = await english.ReadAsTextAsync();
        Assert.Contains("<html lang=\"en\">", englishHtml, StringComparison.Ordinal);
        Assert.Contains("Welcome to Schakel", englishHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_api_path_is_a_problem_not_a_page()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Schakel.Testing.TestUsers.Coordinator());
            s.Get.Url("/api/does-not-exist");
            s.StatusCodeShouldBe(404);
        });

        Assert.Equal("application/problem+json", result.Context.Response.ContentType);
    }

    [Fact]
    public async Task an_unknown_portal_page_is_the_dutch_not_found_page()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(Guid.CreateVersion7()));
            s.Get.Url("/bestaat-niet");
            s.StatusCodeShouldBe(404);
        });

        Assert.Contains("Deze pagina bestaat niet, of u mag haar niet zien.", await result.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task malformed_json_is_a_bad_request_problem()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Schakel.Testing.TestUsers.Coordinator());
            s.Post.Text("{ not json").ToUrl("/api/socialmap/locations");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        Assert.StartsWith("application/problem+json", result.Context.Response.ContentType, StringComparison.Ordinal);
    }
}
