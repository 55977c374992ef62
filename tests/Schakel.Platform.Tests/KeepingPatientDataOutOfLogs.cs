using Schakel.Host.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Schakel.Platform.Tests;

public sealed class KeepingPatientDataOutOfLogs
{
    private sealed class Collect : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static (ILogger Logger, Collect Sink) ALogger()
    {
        var sink = new Collect();
        var logger = new LoggerConfiguration().Enrich.With<PatientDataRedactor>().WriteTo.Sink(sink).CreateLogger();
        return (logger, sink);
    }

    [Fact]
    public void properties_named_after_patient_data_are_redacted()
    {
        var (logger, sink) = ALogger();

        logger.Information("Question for {PatientBirthDate} with {QuestionText}", "1941-03-02", "Valt vaak, T-score -2,7");

        var rendered = sink.Events.Single().RenderMessage(null);
        Assert.DoesNotContain("1941", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("T-score", rendered, StringComparison.Ordinal);
        Assert.Contains(PatientDataRedactor.Redacted, rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void a_bsn_inside_any_value_is_masked_but_other_numbers_stay()
    {
        var (logger, sink) = ALogger();

        logger.Information("Lookup {Path} took {Count}", "/patients/111222333/x?agb=012345678", 123456789);

        var rendered = sink.Events.Single().RenderMessage(null);
        Assert.DoesNotContain("111222333", rendered, StringComparison.Ordinal);
        Assert.Contains("123456789", rendered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PatientId", true)]
    [InlineData("bsn", true)]
    [InlineData("RequestPath", false)]
    [InlineData("StatusCode", false)]
    public void sensitive_property_names_are_recognised(string name, bool sensitive)
    {
        Assert.Equal(sensitive, PatientDataRedactor.IsSensitiveName(name));
    }
}
