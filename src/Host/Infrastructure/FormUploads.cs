using Microsoft.AspNetCore.Http.Metadata;
using Schakel.BuildingBlocks.Problems;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// An API endpoint that takes a file declares its size limit ([RequestSizeLimit], [RequestFormLimits]).
/// Its form is read here, after sign-in and authorization and before the endpoint runs: asynchronously
/// (Wolverine reads IFormFile parameters through the synchronous Request.Form, which then finds it
/// read), and a body over the limit becomes a 413 problem instead of an exception in the endpoint.
/// </summary>
public static class FormUploads
{
    public static WebApplication UseSchakelFormUploads(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (ErrorHandling.IsApi(http) && http.Request.HasFormContentType
                && http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is not null)
            {
                try
                {
                    await http.Request.ReadFormAsync(http.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                {
                    // InvalidDataException: a form limit of the endpoint (a file over its multipart body length).
                    http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails = Problem.TooLarge("Het verzoek is groter dan hier is toegestaan."),
                    });
                    return;
                }
            }

            await next(http);
        });
        return app;
    }
}
