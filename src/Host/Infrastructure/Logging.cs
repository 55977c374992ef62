using Schakel.BuildingBlocks.Identifiers;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Schakel.Host.Infrastructure;

public static class Logging
{
    public static WebApplicationBuilder AddSchakelLogging(this WebApplicationBuilder builder)
    {
        var json = builder.Configuration.GetValue("Schakel:Logging:Json", !builder.Environment.IsDevelopment());
        builder.Services.AddSerilog((services, logger) =>
        {
            // Sinks registered as services (ILogEventSink) join the console: the test hosts keep server errors that way.
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.With<PatientDataRedactor>();
            if (json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
        }, preserveStaticLogger: true); // each host logs through its own logger, never the process-wide Log.Logger (test processes run several hosts)
        return builder;
    }

    /// <summary>
    /// One line per request with the route pattern, never the raw path or query string, so no
    /// identifier typed into a URL ends up in the log.
    /// </summary>
    public static WebApplication UseSchakelRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RoutePattern} responded {StatusCode} in {Elapsed:0.0} ms";
            o.EnrichDiagnosticContext = (diagnostics, http) =>
                diagnostics.Set("RoutePattern", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
            // A health probe's 503 is its answer ("not ready yet"), not a failure of the request;
            // the checks themselves log what is wrong.
            o.GetLevel = (http, _, error) =>
                error is not null ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : LogEventLevel.Information;
        });
        return app;
    }
}

/// <summary>
/// Last line of defence against patient data in logs: properties whose names point at patient
/// data are dropped to "[redacted]", and anything that looks like a BSN (nine digits passing
/// the eleven-proof) is masked wherever it appears in a property value.
/// </summary>
public sealed class PatientDataRedactor : ILogEventEnricher
{
    public const string Redacted = "[redacted]";

    private static readonly string[] SensitiveNameParts =
        ["bsn", "birth", "geboorte", "patient", "clinical", "questiontext", "freetext", "body", "password", "secret", "token"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (IsSensitiveName(name))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Redacted)));
            }
            else if (value is ScalarValue { Value: string text } && CareIdentifiers.ContainsBsn(text))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(CareIdentifiers.MaskBsns(text, Redacted))));
            }
        }
    }

    public static bool IsSensitiveName(string propertyName)
    {
        var lower = propertyName.ToLowerInvariant();
        return SensitiveNameParts.Any(lower.Contains);
    }
}
