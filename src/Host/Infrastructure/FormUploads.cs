using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Problems;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// An API endpoint that takes a file declares its size limit ([RequestSizeLimit], [RequestFormLimits]).
/// Its form is read here, after sign-in and authorization and before the endpoint runs: asynchronously
/// (Wolverine reads IFormFile parameters through the synchronous Request.Form, which then finds it
/// read). A body over the limit becomes a 413 problem, a form that is not one (no form content type
/// where only a form is accepted, a broken multipart body) a 415 or 400 problem, instead of an
/// exception in the endpoint.
/// </summary>
public static class FormUploads
{
    private static readonly string[] FormTypes = ["multipart/form-data", "application/x-www-form-urlencoded"];

    public static WebApplication UseSchakelFormUploads(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var endpoint = http.GetEndpoint();
            if (!ErrorHandling.IsApi(http) || endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is null)
            {
                await next(http);
                return;
            }

            if (!http.Request.HasFormContentType)
            {
                // Only a form can carry what the endpoint reads (an IFormFile): anything else is the wrong kind of content.
                var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
                if (accepts.Count > 0 && accepts.All(t => FormTypes.Contains(t, StringComparer.OrdinalIgnoreCase)))
                {
                    await RefuseAsync(http, Problem.UnsupportedMediaType("Stuur het bestand als formulier (multipart/form-data)."));
                    return;
                }

                await next(http);
                return;
            }

            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                                      || (e is InvalidDataException && IsOverLimit(http, endpoint)))
            {
                // InvalidDataException here: a form limit of the endpoint (a file over its multipart body length).
                await RefuseAsync(http, Problem.TooLarge(RequestSizeLimits.TooLarge));
                return;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                // A multipart body that breaks off, has no or a foreign boundary, or headers over the form's limits.
                await RefuseAsync(http, Problem.Invalid(
                    new Dictionary<string, string[]> { ["$"] = ["Het formulier is niet goed opgebouwd (multipart/form-data)."] },
                    "Het verzoek kon niet als formulier worden gelezen."));
                return;
            }

            await next(http);
        });
        return app;
    }

    /// <summary>A form whose declared length is over the endpoint's limit, or unknown (sent in chunks), broke on its size.</summary>
    private static bool IsOverLimit(HttpContext http, Endpoint endpoint)
    {
        var limit = endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        var declared = http.Request.ContentLength;
        return declared is null || (limit is { } max && declared > max)
            || (endpoint.Metadata.GetMetadata<IFormOptionsMetadata>()?.MultipartBodyLengthLimit is { } parts && declared > parts);
    }

    private static async Task RefuseAsync(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status!.Value;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
