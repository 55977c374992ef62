using System.Text.Json;
using Alba;
using Schakel.Testing;

namespace Schakel.IntegrationTests;

/// <summary>A body the API cannot read gets a Dutch validation problem naming the field, never our type names.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ReadingBadBodies(IntegrationApp app)
{
    [Theory]
    [InlineData("{ niet json", "$")]
    [InlineData("{\"pool\": \"Cardiology\"}", "pool")]
    [InlineData("{\"urgent\": \"ja\"}", "urgent")]
    [InlineData("{\"patient\": {\"dateOfBirth\": \"14-03-1950\"}}", "patient.dateOfBirth")]
    public async Task an_unreadable_body_gets_a_dutch_problem_for_its_field(string body, string field)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(Guid.CreateVersion7()));
            s.Post.Text(body).ToUrl("/api/consultations");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        var text = await result.ReadAsTextAsync();
        using var problem = JsonDocument.Parse(text);
        Assert.Equal("Ongeldige invoer", problem.RootElement.GetProperty("title").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), text);
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.DoesNotContain("Schakel.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
    }
}
