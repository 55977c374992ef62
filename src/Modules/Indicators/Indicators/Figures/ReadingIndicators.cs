using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Files;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Contracts;
using Wolverine.Http;

namespace Schakel.Indicators.Figures;

/// <summary>
/// Which figures are asked for: a period ("2026-11" or "2026-Q4"; default the running month) and
/// a scope (hospital, optionally one of its pools; or a practice). Read from the query string.
/// </summary>
public sealed record IndicatorQuery(string? Period, Guid? Hospital, Specialty? Specialty, Guid? Practice)
{
    public const string BadPeriod = "Kies een maand (bijvoorbeeld 2026-11) of een kwartaal (bijvoorbeeld 2026-K4).";

    /// <summary>The period and scope for this viewer, or the problem (400 bad period, 403 another practice).</summary>
    public (Period? Period, IndicatorScope? Scope, ProblemDetails? Problem) Resolve(Viewer viewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var period = string.IsNullOrWhiteSpace(Period) ? Figures.Period.Containing(PeriodKind.Month, now) : Figures.Period.Parse(Period.Trim());
        if (period is null)
        {
            return (null, null, Problem.Invalid(
                new Dictionary<string, string[]> { ["period"] = [BadPeriod] }, "De periode is niet goed."));
        }

        if (Specialty is not null && Hospital is null)
        {
            return (null, null, Problem.Invalid(
                new Dictionary<string, string[]> { ["specialty"] = ["Kies eerst het ziekenhuis van de poule."] }, "De poule hoort bij een ziekenhuis."));
        }

        // A practice's people see their own practice unless they ask for the region.
        var practice = Practice ?? (viewer.IsPractice && Hospital is null && !RegionAsked ? viewer.OrganisationId : null);
        var scope = new IndicatorScope(Hospital, Specialty, practice);
        return viewer.MaySee(scope)
            ? (period, scope, null)
            : (null, null, Problem.Forbidden("U ziet alleen de cijfers van uw eigen praktijk en die van de regio."));
    }

    /// <summary>Set by the endpoints when the query says scope=region.</summary>
    public bool RegionAsked { get; init; }

    /// <summary>The query string's filters; a value that is there but unreadable is an error for its field, never silently the region.</summary>
    public static (IndicatorQuery Query, Dictionary<string, string[]> Errors) From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        Guid? IdOf(string field, string message)
        {
            var text = q[field].FirstOrDefault();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (Guid.TryParse(text, out var id))
            {
                return id;
            }

            errors[field] = [message];
            return null;
        }

        var hospital = IdOf("hospital", "Kies een ziekenhuis uit de lijst.");
        var practice = IdOf("practice", "Kies een praktijk uit de lijst.");
        Specialty? specialty = null;
        if (q["specialty"].FirstOrDefault() is { Length: > 0 } pool)
        {
            if (Enum.TryParse<Specialty>(pool, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !pool.Any(char.IsDigit))
            {
                specialty = parsed;
            }
            else
            {
                errors["specialty"] = ["Kies de poule interne geneeskunde of reumatologie."];
            }
        }

        var scope = q["scope"].FirstOrDefault();
        if (scope is { Length: > 0 } and not "region")
        {
            errors["scope"] = ["Laat dit leeg, of kies de regio."];
        }

        return (new IndicatorQuery(q["period"].FirstOrDefault(), hospital, specialty, practice) { RegionAsked = scope == "region" }, errors);
    }
}

/// <summary>The dashboard's API: figures, the records behind one, and both as CSV.</summary>
public static class ReadingIndicators
{
    [WolverineGet("/api/indicators"), Tags("Indicatoren")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("The programme's indicators for a period (period=2026-11 or 2026-Q4) and scope (hospital, specialty, practice, or scope=region); suppressed below 5 patients outside the own practice")]
    public static async Task<Results<Ok<IndicatorReport>, ProblemHttpResult>> Get(
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (report, problem) = await ReportAsync(http, session, clock, ct).ConfigureAwait(false);
        return report is null ? TypedResults.Problem(problem!) : TypedResults.Ok(report);
    }

    [WolverineGet("/api/indicators/csv"), Tags("Indicatoren")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("The same figures as CSV (UTF-8 with BOM, comma-separated, one row per figure and per part)")]
    [ProducesResponseType(typeof(byte[]), StatusCodes.Status200OK, "text/csv")]
    public static async Task<IResult> GetCsv(HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (report, problem) = await ReportAsync(http, session, clock, ct).ConfigureAwait(false);
        return report is null
            ? TypedResults.Problem(problem!)
            : TypedResults.File(Encoding.UTF8.GetBytes(IndicatorCsv.Figures(report)), "text/csv; charset=utf-8", $"indicatoren-{report.Period}.csv");
    }

    [WolverineGet("/api/indicators/{key}/rows"), Tags("Indicatoren")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("The records behind one figure (no patient data; links only to the own practice's records); 403 when the figure is suppressed")]
    public static async Task<Results<Ok<DrillDown>, ProblemHttpResult>> GetRows(
        string key, HttpContext http, IQuerySession session, ICareDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        var (rows, problem) = await RowsAsync(key, http, session, directory, clock, ct).ConfigureAwait(false);
        return rows is null ? TypedResults.Problem(problem!) : TypedResults.Ok(rows);
    }

    [WolverineGet("/api/indicators/{key}/rows/csv"), Tags("Indicatoren")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("The records behind one figure as CSV")]
    [ProducesResponseType(typeof(byte[]), StatusCodes.Status200OK, "text/csv")]
    public static async Task<IResult> GetRowsCsv(
        string key, HttpContext http, IQuerySession session, ICareDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        var (rows, problem) = await RowsAsync(key, http, session, directory, clock, ct).ConfigureAwait(false);
        return rows is null
            ? TypedResults.Problem(problem!)
            : TypedResults.File(Encoding.UTF8.GetBytes(IndicatorCsv.Rows(rows)), "text/csv; charset=utf-8", $"{rows.Key}-{rows.Period}.csv");
    }

    /// <summary>For the API and the portal: the report this request asks for, or why not.</summary>
    public static async Task<(IndicatorReport? Report, ProblemDetails? Problem)> ReportAsync(
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        var viewer = Viewer.Of(CareUser.From(http.User)!);
        var now = clock.GetUtcNow();
        var (period, scope, problem) = Resolve(http.Request, viewer, now);
        if (problem is not null)
        {
            return (null, problem);
        }

        var data = await Dashboard.LoadAsync(session, ct).ConfigureAwait(false);
        return (Dashboard.Report(data, period!, scope!, viewer, now), null);
    }

    private static (Period? Period, IndicatorScope? Scope, ProblemDetails? Problem) Resolve(HttpRequest request, Viewer viewer, DateTimeOffset now)
    {
        var (query, errors) = IndicatorQuery.From(request);
        return errors.Count > 0 ? (null, null, Problem.Invalid(errors, "De keuze van de cijfers is niet goed.")) : query.Resolve(viewer, now);
    }

    /// <summary>For the API and the portal: the rows behind one figure, or why not (404 unknown figure, 403 suppressed).</summary>
    public static async Task<(DrillDown? Rows, ProblemDetails? Problem)> RowsAsync(
        string key, HttpContext http, IQuerySession session, ICareDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(clock);
        if (IndicatorCatalogue.Find(key) is not { } indicator)
        {
            return (null, Problem.NotFound("Dit cijfer bestaat niet."));
        }

        var viewer = Viewer.Of(CareUser.From(http.User)!);
        var now = clock.GetUtcNow();
        var (period, scope, problem) = Resolve(http.Request, viewer, now);
        if (problem is not null)
        {
            return (null, problem);
        }

        var data = await Dashboard.LoadAsync(session, ct).ConfigureAwait(false);
        var practices = await directory.OrganisationsAsync(OrganisationKind.GpPractice, ct).ConfigureAwait(false);
        var rows = Dashboard.Rows(data, indicator, period!, scope!, viewer, practices.ToDictionary(p => p.Id, p => p.Name), now);
        return rows is null
            ? (null, Problem.Forbidden($"Dit cijfer komt van minder dan {Dashboard.MinimumPatients} patiënten; buiten de eigen praktijk wordt het niet getoond."))
            : (rows, null);
    }
}

/// <summary>The dashboard's CSV files: RFC 4180, UTF-8 with a byte-order mark (Excel), formulas guarded.</summary>
public static class IndicatorCsv
{
    public static string Figures(IndicatorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder().Append('\uFEFF');
        text.Append(Csv.Line(["indicator", "naam", "periode", "onderdeel", "waarde", "teller", "noemer", "patiënten", "onderdrukt", "regionale mediaan", "eenheid"]));
        foreach (var f in report.Figures)
        {
            text.Append(Csv.Line(Guarded([f.Key, f.Definition.Name, report.Period, "", Number(f.Value), Number(f.Numerator), Number(f.Denominator), Number(f.Patients),
                f.Suppressed ? "ja" : "nee", Number(f.RegionalMedian), f.Unit.ToString()])));
            foreach (var part in f.Parts)
            {
                text.Append(Csv.Line(Guarded([f.Key, f.Definition.Name, report.Period, part.Label, Number(part.Value), "", "", "", "nee", "", FigureUnit.Count.ToString()])));
            }
        }

        return text.ToString();
    }

    public static string Rows(DrillDown rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder().Append('\uFEFF').Append(Csv.Line(Guarded(rows.Columns)));
        foreach (var row in rows.Rows)
        {
            text.Append(Csv.Line(Guarded(row.Cells)));
        }

        return text.ToString();
    }

    private static IEnumerable<string> Guarded(IEnumerable<string> cells) => cells.Select(Csv.GuardFormula);

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
