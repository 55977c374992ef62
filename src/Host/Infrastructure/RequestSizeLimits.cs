using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Schakel.BuildingBlocks.Problems;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// One size limit for every request body (Schakel:Http:MaxRequestBodyBytes, default 1 MB), far
/// below Kestrel's own 30 MB: no JSON request or portal form comes near it. Endpoints that take a
/// file keep the larger limit they declare with [RequestSizeLimit]. A body over the limit is a 413
/// problem (a Dutch error page in the portal): refused at once when its Content-Length says so,
/// cut off while it arrives otherwise (the server's own limit where it has one, a counting stream
/// where it has none, as in the test server).
/// </summary>
public static class RequestSizeLimits
{
    public const string Setting = "Schakel:Http:MaxRequestBodyBytes";

    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public const string TooLarge = "Het verzoek is groter dan hier is toegestaan.";

    /// <summary>After routing (the endpoint's own limit is known), before anything reads a body (anti-forgery, forms, endpoints).</summary>
    public static WebApplication UseSchakelRequestSizeLimits(this WebApplication app)
    {
        var global = app.Configuration.GetValue(Setting, DefaultMaxRequestBodyBytes);
        app.Use(async (http, next) =>
        {
            var endpointLimit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
            var limit = endpointLimit is null ? global : endpointLimit.MaxRequestBodySize;
            if (limit is not { } max)
            {
                await next(http);
                return;
            }

            if (http.Request.ContentLength > max)
            {
                await RefuseAsync(http);
                return;
            }

            var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = max;
            }
            else if (feature is null)
            {
                http.Request.Body = new LimitedRequestBody(http.Request.Body, max);
            }

            await next(http);
        });
        return app;
    }

    /// <summary>The 413 answer: a problem for the API, the portal's error page for everyone else (status code pages).</summary>
    private static async Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        if (ErrorHandling.IsApi(http))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = Problem.TooLarge(TooLarge),
            });
        }
    }

    /// <summary>A request body that fails the way Kestrel's does once more than the limit has arrived.</summary>
    private sealed class LimitedRequestBody(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit
                ? throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge)
                : read;
        }
    }
}
