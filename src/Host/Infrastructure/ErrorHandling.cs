using System.Diagnostics;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Problems;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// Every error the API returns is an RFC 7807 problem; every error a portal user meets is a Dutch
/// page. The API is everything under /api, /openapi and /health.
/// </summary>
public static partial class ErrorHandling
{
    public static IServiceCollection AddSchakelProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Status == StatusCodes.Status400BadRequest && problem.Title == WolverineInvalidJsonTitle)
            {
                DescribeUnreadableJson(problem);
            }
            else if (problem.Status == StatusCodes.Status400BadRequest && problem.Title == WolverineInvalidQueryTitle)
            {
                DescribeUnreadableQuery(problem);
            }

            if (problem.Status is null or StatusCodes.Status500InternalServerError && context.Exception is not null)
            {
                // The framework's English title for an unhandled exception.
                problem.Title = "Er ging iets mis";
            }

            problem.Type ??= Problem.TypeFor(problem.Status ?? StatusCodes.Status500InternalServerError);
            problem.Instance ??= null;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            if (context.Exception is not null)
            {
                // Never echo an exception's message: it may hold stored data.
                problem.Detail = problem.Status switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Het verzoek is groter dan hier is toegestaan.",
                    StatusCodes.Status409Conflict => "Iemand anders heeft dit intussen gewijzigd. Laad de gegevens opnieuw en probeer het nog eens.",
                    StatusCodes.Status503ServiceUnavailable => "De database is even niet bereikbaar. Probeer het over enkele seconden opnieuw; met dezelfde Idempotency-Key ontstaat niets dubbel.",
                    _ => "Er ging iets mis aan onze kant. Probeer het later opnieuw; blijft het misgaan, meld dan het traceId.",
                };
            }
        });
        services.AddExceptionHandler<ConflictExceptionHandler>();
        services.AddExceptionHandler<TooLargeExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        return services;
    }

    /// <summary>The title Wolverine gives a body it cannot read as the endpoint's request type.</summary>
    internal const string WolverineInvalidJsonTitle = "Invalid JSON format";

    /// <summary>
    /// Wolverine's problem for an unreadable body is English and names our internal types; callers get
    /// the same shape as any validation problem instead: a Dutch sentence and the field it is about.
    /// </summary>
    internal static void DescribeUnreadableJson(ProblemDetails problem)
    {
        var path = problem.Detail is { } detail ? JsonPath().Match(detail) : System.Text.RegularExpressions.Match.Empty;
        var field = path.Success ? path.Groups["field"].Value : "";
        problem.Title = "Ongeldige invoer";
        problem.Type = Problem.TypeFor(StatusCodes.Status400BadRequest);
        problem.Detail = field.Length == 0
            ? "De gegevens zijn geen geldige JSON. Controleer de opbouw van het bericht."
            : "Een veld heeft een waarde van de verkeerde soort. Zie errors.";
        problem.Extensions.Remove("lineNumber");
        problem.Extensions.Remove("bytePositionInLine");
        problem.Extensions["errors"] = new Dictionary<string, string[]>
        {
            [field.Length == 0 ? "$" : field] = [field.Length == 0
                ? "Dit is geen geldige JSON."
                : "Deze waarde past niet bij dit veld (bijvoorbeeld tekst waar een getal, datum, ja/nee of een van de vaste keuzes hoort)."],
        };
    }

    /// <summary>The title Wolverine gives a query string value it cannot parse as the parameter's type.</summary>
    internal const string WolverineInvalidQueryTitle = "Invalid query string value";

    /// <summary>
    /// Wolverine's problem for an unparseable query value is English and names the parameter's .NET
    /// type (ours included); callers get a Dutch validation problem keyed by the parameter instead.
    /// </summary>
    internal static void DescribeUnreadableQuery(ProblemDetails problem)
    {
        var parameter = problem.Extensions.TryGetValue("parameter", out var name) && name?.ToString() is { Length: > 0 } text ? text : "query";
        problem.Title = "Ongeldige invoer";
        problem.Type = Problem.TypeFor(StatusCodes.Status400BadRequest);
        problem.Detail = "Een parameter in de URL heeft een waarde van de verkeerde soort. Zie errors.";
        problem.Extensions.Remove("parameter");
        problem.Extensions["errors"] = new Dictionary<string, string[]>
        {
            [parameter] = ["Deze waarde past niet bij deze parameter (bijvoorbeeld tekst waar een getal, datum, id of een van de vaste keuzes hoort)."],
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"could not be converted to .*? Path: \$\.?(?<field>[A-Za-z0-9_.\[\]]*)", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 200)]
    private static partial System.Text.RegularExpressions.Regex JsonPath();

    public static WebApplication UseSchakelErrorHandling(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), portal =>
        {
            portal.UseExceptionHandler("/fout");
            portal.UseStatusCodePagesWithReExecute("/fout/{0}");
        });
        return app;
    }

    public static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi")
        || http.Request.Path.StartsWithSegments("/health");

    /// <summary>A lost optimistic-concurrency race is the caller's 409, not our 500.</summary>
    private sealed class ConflictExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (!IsApi(http) || exception is not (JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException))
            {
                return false;
            }

            http.Response.StatusCode = StatusCodes.Status409Conflict;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict" },
            });
        }
    }

    /// <summary>
    /// PostgreSQL away (restarting, a connection cut, no connection to be had in time) is a 503
    /// with Retry-After, not a 500: the request may well succeed in a moment, and a client that
    /// retries with the same Idempotency-Key gets the first result if it had been stored after all.
    /// </summary>
    private sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public const int RetryAfterSeconds = 5;

        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (!IsApi(http) || !IsDatabaseUnavailable(exception) || http.Response.HasStarted)
            {
                return false;
            }

            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Tijdelijk niet beschikbaar" },
            });
        }
    }

    /// <summary>How a message handler that met an unavailable database tries again: soon, in memory (ADR 24).</summary>
    public static readonly TimeSpan[] DatabaseRetryCooldowns =
        [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>Then from the durable inbox, for about 50 minutes, before the dead letters (ADR 24).</summary>
    public static readonly TimeSpan[] DatabaseRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
    ];

    /// <summary>PostgreSQL chose this transaction as a deadlock's victim, or could not serialise it: trying again is safe.</summary>
    public static bool IsLostRace(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps: Marten and Wolverine wrap Npgsql's) says
    /// the database could not be reached or dropped the connection, rather than refusing the request.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException postgres:
                    // Class 08 connection exception, 53 insufficient resources, 57P01-57P03 shutdown or starting up.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState is "57P01" or "57P02" or "57P03";
                // Not a bare SocketException: that may be the mail server's (Npgsql wraps its own socket errors).
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient:
                // What is left of a transaction whose connection was cut while it ran.
                case ObjectDisposedException { ObjectName: "NpgsqlTransaction" or "NpgsqlConnection" }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsDatabaseUnavailable):
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// A body over the server's or the endpoint's size limit is the caller's 413, not our 500:
    /// Kestrel cuts it off while it arrives. (Form uploads are read, and refused, by <see cref="FormUploads"/>.)
    /// </summary>
    private sealed class TooLargeExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (!IsApi(http) || exception is not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return false;
            }

            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "Te groot" },
            });
        }
    }
}
