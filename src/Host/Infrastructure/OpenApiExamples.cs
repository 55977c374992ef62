using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Schakel.BuildingBlocks.Api;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// Puts the modules' <see cref="ApiExamples"/> into the OpenAPI document: a description, the
/// example request and answer, and every problem the route can answer with (RFC 7807, Dutch detail).
/// </summary>
public sealed class OpenApiExamples(IEnumerable<ApiExamples> modules, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IOpenApiOperationTransformer
{
    private readonly Dictionary<(string, string), ApiExample> _examples = modules
        .SelectMany(m => m.Routes)
        .ToDictionary(e => (e.Method.ToUpperInvariant(), e.Route));

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var method = context.Description.HttpMethod?.ToUpperInvariant() ?? "";
        if (!_examples.TryGetValue((method, RouteOf(context.Description.RelativePath)), out var example))
        {
            return Task.CompletedTask;
        }

        operation.Description = example.Description;
        if (example.Request is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                media.Example = Node(example.Request);
            }
        }

        operation.Responses ??= [];
        if (example.Response is not null)
        {
            foreach (var (status, response) in operation.Responses.Where(r => r.Key.StartsWith('2')))
            {
                if (response.Content is { } content)
                {
                    foreach (var media in content.Values)
                    {
                        media.Example = Node(example.Response);
                    }
                }
            }
        }

        foreach (var problem in example.Problems)
        {
            var status = problem.Status!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            operation.Responses[status] = new OpenApiResponse
            {
                Description = problem.Title,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Example = Node(problem) },
                },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>"api/consultations/{id:guid}/claim" as the document writes it: "/api/consultations/{id}/claim".</summary>
    public static string RouteOf(string? relativePath)
    {
        var segments = (relativePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.StartsWith('{') && s.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? s[..colon] + "}" : s);
        return "/" + string.Join('/', segments);
    }

    private JsonNode? Node(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), json.Value.SerializerOptions);
}
