using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Indicators.Figures;

namespace Schakel.Indicators.Pages.Indicators;

/// <summary>
/// One figure and the records behind it (no patient data; links only to the reader's own
/// practice's records), for the same period and scope as the dashboard that linked here. The
/// API's answers become Dutch messages: an unknown figure (404), a figure from too few patients
/// outside the own practice (403), a period or scope the reader may not ask for.
/// </summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class FigureModel(IQuerySession session, ICareDirectory directory, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    public Indicator? Indicator { get; private set; }

    public FigureView? Figure { get; private set; }

    public DrillDown? Rows { get; private set; }

    public IndicatorReport? Report { get; private set; }

    public IndicatorFilter? Filter { get; private set; }

    /// <summary>Why the rows are not shown: the API's problem, as a Dutch sentence.</summary>
    public string? Problem { get; private set; }

    public bool Suppressed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Indicator = IndicatorCatalogue.Find(Key);
        if (Indicator is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var (report, problem) = await ReadingIndicators.ReportAsync(HttpContext, session, clock, ct);
        if (report is null)
        {
            Problem = problem is ValidationProblemDetails invalid && invalid.Errors.Count > 0
                ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value))
                : problem?.Detail;
            Response.StatusCode = problem?.Status ?? StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = report;
        Figure = report.Figures.Single(f => f.Key == Indicator.Key);
        Filter = IndicatorFilter.Of(Period.Parse(report.Period)!, report.Scope, Viewer.Of(CareUser.From(User)!));
        var (rows, refused) = await ReadingIndicators.RowsAsync(Indicator.Key, HttpContext, session, directory, clock, ct);
        if (rows is null)
        {
            // The figure is in the report, so the only refusal left is suppression.
            Suppressed = refused?.Status == StatusCodes.Status403Forbidden;
            Problem = Suppressed ? null : refused?.Detail;
            Response.StatusCode = refused?.Status ?? StatusCodes.Status403Forbidden;
            return Page();
        }

        Rows = rows;
        return Page();
    }
}
