using Schakel.BuildingBlocks.Api;
using Schakel.BuildingBlocks.Problems;
using Schakel.Indicators.Figures;
using Schakel.Indicators.Records;

namespace Schakel.Indicators;

/// <summary>The OpenAPI examples of the indicators routes (definitions from the catalogue itself).</summary>
public static class IndicatorsApiExamples
{
    private static readonly Indicator Median = IndicatorCatalogue.Find("consultation.response-median")!;
    private static readonly Indicator Late = IndicatorCatalogue.Find("consultation.late")!;

    private static readonly IndicatorReport Report = new("2026-11", PeriodKind.Month, new IndicatorScope(null, null, Guid.Parse("019a9000-0000-7000-8000-00000000a001")), true,
    [
        new FigureView(Median.Key, Median.Theme, Median.Unit, Median.Definition, 17.0m, null, 5, 5, false, [], 12.5m,
            [new SeriesPoint("2026-10", 21.0m, false), new SeriesPoint("2026-11", 17.0m, false)]),
        new FigureView(Late.Key, Late.Theme, Late.Unit, Late.Definition, 1, null, null, 1, false, [], null,
            [new SeriesPoint("2026-10", 0, false), new SeriesPoint("2026-11", 1, false)]),
    ]);

    private static readonly DrillDown Rows = new("consultation.response-median", "2026-11",
        ["Praktijk", "Vraag", "Gesteld", "Ziekenhuis", "Poule", "Eerste antwoord", "Werkuren tot antwoord", "Binnen belofte", "Uitkomst", "Ingetrokken", "Afgesloten"],
        [new DrillRow(Guid.Parse("019a9000-0000-7000-8000-00000000a001"), "/consultaties/019a9000-0000-7000-8000-00000000b001",
            ["Huisartsenpraktijk De Linde", "019a9000", "2026-11-06 16:00", "Ziekenhuis Hart van Brabant", "Reumatologie", "2026-11-09 09:00", "17.0", "ja", "Alleen advies", "", ""])]);

    private static readonly Microsoft.AspNetCore.Mvc.ProblemDetails BadPeriod =
        Problem.Invalid(new Dictionary<string, string[]> { ["period"] = [IndicatorQuery.BadPeriod] }, "De periode is niet goed.");

    private static readonly Microsoft.AspNetCore.Mvc.ProblemDetails OtherPractice = Problem.Forbidden("U ziet alleen de cijfers van uw eigen praktijk en die van de regio.");

    private const string Query =
        "Query: `period` (`2026-11` or `2026-Q4`; default the running month), `hospital` (id) and `specialty` (InternalMedicine, Rheumatology; with a hospital), "
        + "`practice` (id; another practice's only for the coordinator), `scope=region` (a practice's people see their own practice unless they ask for the region). ";

    public static readonly ApiExamples All = new(
    [
        new("GET", "/api/indicators",
            "The regional programme's indicators (docs/indicators.md) for a period and scope, each with its definition, a series of 12 months or 8 quarters for the chart and, "
            + "for a practice, the regional median. " + Query
            + "A figure from fewer than 5 patients is `suppressed` (no value, counts or parts) unless it is the viewer's own practice's.",
            null, Report, [BadPeriod, OtherPractice]),
        new("GET", "/api/indicators/csv", "The same figures as a CSV file (UTF-8 with BOM, one row per figure and per part). " + Query, null, null, [BadPeriod, OtherPractice]),
        new("GET", "/api/indicators/{key}/rows",
            "The records behind one figure: no patient data; a row links to its record only for the practice that owns it. " + Query,
            null, Rows, [Problem.NotFound("Dit cijfer bestaat niet."), Problem.Forbidden("Dit cijfer komt van minder dan 5 patiënten; buiten de eigen praktijk wordt het niet getoond.")]),
        new("GET", "/api/indicators/{key}/rows/csv", "The records behind one figure as a CSV file. " + Query, null, null,
            [Problem.NotFound("Dit cijfer bestaat niet."), Problem.Forbidden("Dit cijfer komt van minder dan 5 patiënten; buiten de eigen praktijk wordt het niet getoond.")]),
        new("POST", "/api/indicators/rebuild", "Replays the module's events into its records (administrator); the figures stay the same.", null,
            new RebuildReport(["ConsultationRecords", "HospitalReferralRecords", "FollowUpRecords", "FallsPreventionRecords", "DirectoryEntryRecords"], 4211, TimeSpan.FromSeconds(2.4)), []),
    ]);
}
