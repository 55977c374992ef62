using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using Schakel.BuildingBlocks.Problems;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// An API endpoint that reads JSON takes a body that says it is JSON, in UTF-8 (RFC 8259): a body
/// without a Content-Type, or with another charset, is a 415 problem, as minimal APIs answer it,
/// rather than a guess at what the sender meant.
/// </summary>
public static class JsonBodies
{
    public static WebApplication UseSchakelJsonBodies(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var accepts = ErrorHandling.IsApi(http) ? http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes : null;
            if (accepts is { Count: > 0 } && accepts.All(IsJson) && HasBody(http.Request) && !IsUtf8Json(http.Request.ContentType))
            {
                http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = Problem.UnsupportedMediaType("Stuur de gegevens als JSON in UTF-8 (Content-Type: application/json)."),
                });
                return;
            }

            await next(http);
        });
        return app;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static bool IsUtf8Json(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && IsJson(parsed.MediaType.Value ?? "")
        && (parsed.Charset.Value is null || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || parsed.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
}
