using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Indicators.Figures;

namespace Schakel.Indicators.Pages.Indicators;

/// <summary>
/// The programme's dashboard for any care provider: a GET form (period, hospital and pool, and a
/// practice for the coordinator, or her own practice or the region for a practice), then every
/// figure by theme with its definition, chart, drill-down and CSV. The figures are the API's
/// (<see cref="ReadingIndicators.ReportAsync"/>), with the same suppression and access rules.
/// </summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class IndexModel(IQuerySession session, ICareDirectory directory, TimeProvider clock) : PageModel
{
    public IndicatorReport? Report { get; private set; }

    /// <summary>Why there are no figures (a period that is not one, another practice's figures).</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IndicatorFilter? Filter { get; private set; }

    public Viewer Viewer { get; private set; } = null!;

    /// <summary>The form's state: the period chosen (or the running month), as asked when it could not be shown.</summary>
    public Period Period { get; private set; } = null!;

    public IReadOnlyList<Period> PeriodChoices { get; private set; } = [];

    public IReadOnlyList<CareOrganisation> Hospitals { get; private set; } = [];

    public IReadOnlyList<CareOrganisation> Practices { get; private set; } = [];

    public Guid? Hospital { get; private set; }

    public Schakel.Consultation.Contracts.Specialty? Specialty { get; private set; }

    public Guid? Practice { get; private set; }

    public bool RegionAsked { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (asked, _) = IndicatorQuery.From(Request); // an unreadable filter is reported below, by the report itself
        var chosen = Figures.Period.Parse(asked.Period) ?? Figures.Period.Containing(PeriodKind.Month, now);
        if (Request.Query["kind"].FirstOrDefault() is { } kind)
        {
            // The form was sent: on to the address without its empty fields (and with the period of
            // the kind chosen), the one the drill-down and CSV links use and a bookmark keeps.
            var period = IndicatorFilter.Switched(kind, chosen, now) ?? chosen;
            return Redirect("/indicatoren" + new IndicatorFilter(period, asked.Hospital, asked.Specialty, asked.Practice, asked.RegionAsked).Query);
        }

        Viewer = Viewer.Of(CareUser.From(User)!);
        Period = chosen;
        Hospital = asked.Hospital;
        Specialty = asked.Specialty;
        Practice = asked.Practice;
        RegionAsked = asked.RegionAsked;
        PeriodChoices = IndicatorFilter.Choices(chosen.Kind, now) is var choices && choices.Contains(chosen) ? choices : [chosen, .. choices];
        Hospitals = await directory.OrganisationsAsync(OrganisationKind.Hospital, ct);
        Practices = await directory.OrganisationsAsync(OrganisationKind.GpPractice, ct);

        var (report, problem) = await ReadingIndicators.ReportAsync(HttpContext, session, clock, ct);
        if (report is null)
        {
            Problems = problem is ValidationProblemDetails invalid && invalid.Errors.Count > 0
                ? invalid.Errors.SelectMany(e => e.Value).ToList()
                : [problem?.Detail ?? problem?.Title ?? ""];
            Response.StatusCode = problem?.Status ?? StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = report;
        Filter = IndicatorFilter.Of(Figures.Period.Parse(report.Period)!, report.Scope, Viewer);
        return Page();
    }

    /// <summary>The name of what the figures are about: the region, a hospital (and pool), or a practice.</summary>
    public string? NameOf(Guid? organisation, IReadOnlyList<CareOrganisation> among) =>
        organisation is { } id ? among.FirstOrDefault(o => o.Id == id)?.Name : null;
}
