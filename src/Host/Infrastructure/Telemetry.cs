using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Schakel.Host.Infrastructure;

public static class Telemetry
{
    /// <summary>
    /// Traces and metrics from ASP.NET Core, outgoing HTTP, Wolverine and Marten. They leave the
    /// process only when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT).
    /// </summary>
    public static WebApplicationBuilder AddSchakelTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("schakel", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource("Wolverine")
                .AddSource("Marten"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Wolverine*")
                .AddMeter("Marten*"));

        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
