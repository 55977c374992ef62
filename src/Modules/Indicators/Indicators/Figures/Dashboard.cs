using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.Indicators.Records;

namespace Schakel.Indicators.Figures;

/// <summary>A figure as one viewer may see it: suppressed figures carry no value, parts or counts.</summary>
/// <param name="RegionalMedian">For a practice's own figures: the median of the practices' figures (practices with at least <see cref="Dashboard.MinimumPatients"/> patients in it).</param>
public sealed record FigureView(
    string Key,
    IndicatorTheme Theme,
    FigureUnit Unit,
    IndicatorDefinition Definition,
    decimal? Value,
    int? Numerator,
    int? Denominator,
    int? Patients,
    bool Suppressed,
    IReadOnlyList<FigurePart> Parts,
    decimal? RegionalMedian,
    IReadOnlyList<SeriesPoint> Series);

/// <summary>The figure in one period of the chart's series.</summary>
public sealed record SeriesPoint(string Period, decimal? Value, bool Suppressed);

/// <summary>All figures for one period and scope, as the viewer may see them.</summary>
public sealed record IndicatorReport(string Period, PeriodKind Kind, IndicatorScope Scope, bool OwnPractice, IReadOnlyList<FigureView> Figures);

/// <summary>The records behind one figure, as the viewer may see them (null when the figure is suppressed).</summary>
public sealed record DrillDown(string Key, string Period, IReadOnlyList<string> Columns, IReadOnlyList<DrillRow> Rows);

/// <summary>
/// Who looks: the coordinator sees every scope; a practice sees its own figures in full and the
/// region's; a hospital sees the region's and hospitals' figures. Outside the practice that owns
/// them, figures from fewer than <see cref="Dashboard.MinimumPatients"/> patients are suppressed.
/// </summary>
public sealed record Viewer(Guid OrganisationId, bool IsPractice, bool IsCoordinator)
{
    public static Viewer Of(CareUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.OrganisationId, user.IsGpSide, user.IsInRole(SchakelRoles.Coordinator));
    }

    /// <summary>Another practice's figures are for the coordinator only.</summary>
    public bool MaySee(IndicatorScope scope) => scope.PracticeId is not { } practice || IsCoordinator || (IsPractice && practice == OrganisationId);

    public bool Owns(IndicatorScope scope) => IsPractice && scope.PracticeId == OrganisationId;
}

/// <summary>Computes the dashboard from the module's records, applying the suppression rule.</summary>
public static class Dashboard
{
    /// <summary>Small-number suppression: no figure from 1 to this many minus one patients leaves the practice that owns it.</summary>
    public const int MinimumPatients = 5;

    public static int SeriesLength(PeriodKind kind) => kind == PeriodKind.Month ? 12 : 8;

    /// <summary>
    /// Whether a figure is withheld from this viewer: it comes from 1 to 4 patients and she is not the
    /// practice that owns them. A figure from no patient at all (an empty month) tells nothing about
    /// anyone and is shown: 0, or no value for a share without a denominator.
    /// </summary>
    public static bool Suppressed(Measurement measured, bool owner) =>
        !owner && measured.Patients is > 0 and < MinimumPatients;

    public static IndicatorReport Report(IndicatorData all, Period period, IndicatorScope scope, Viewer viewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(viewer);
        var owner = viewer.Owns(scope);
        var data = all.For(scope);
        var periods = period.AndPrevious(SeriesLength(period.Kind));
        var practices = scope.PracticeId is null ? [] : all.Practices().Select(p => all.For(new IndicatorScope(null, null, p))).ToList();
        var figures = IndicatorCatalogue.All.Select(indicator =>
        {
            var measured = indicator.Measure(data, period, now);
            var suppressed = Suppressed(measured, owner);
            var series = periods.Select(p =>
            {
                var point = indicator.Measure(data, p, now);
                var hidden = Suppressed(point, owner);
                return new SeriesPoint(p.Code, hidden ? null : point.Value, hidden);
            }).ToList();
            decimal? median = null;
            if (scope.PracticeId is not null && indicator.PerPractice)
            {
                median = Statistics.OneDecimal(Statistics.Median(practices
                    .Select(p => indicator.Measure(p, period, now))
                    .Where(m => m.Value is not null && m.Patients is null or >= MinimumPatients)
                    .Select(m => m.Value!.Value)));
            }

            return new FigureView(
                indicator.Key, indicator.Theme, indicator.Unit, indicator.Definition,
                suppressed ? null : measured.Value, suppressed ? null : measured.Numerator, suppressed ? null : measured.Denominator,
                suppressed ? null : measured.Patients, suppressed, suppressed ? [] : measured.Parts, median, series);
        }).ToList();
        return new IndicatorReport(period.Code, period.Kind, scope, owner, figures);
    }

    /// <summary>
    /// The records behind a figure, or null when the viewer may not see it (suppressed). Rows link to
    /// a record only when it is the viewer's own practice's (whose pages check access and log it) or
    /// not about a patient (a social-map location).
    /// </summary>
    public static DrillDown? Rows(
        IndicatorData all, Indicator indicator, Period period, IndicatorScope scope, Viewer viewer, IReadOnlyDictionary<Guid, string> practiceNames, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(practiceNames);
        var owner = viewer.Owns(scope);
        var measured = indicator.Measure(all.For(scope), period, now);
        if (Suppressed(measured, owner))
        {
            return null;
        }

        var perPractice = indicator.PerPractice;
        var columns = perPractice ? ["Praktijk", .. measured.Columns] : measured.Columns;
        var rows = measured.Rows.Select(row =>
        {
            var mine = row.PracticeId is { } practice && viewer.IsPractice && practice == viewer.OrganisationId;
            var link = row.PracticeId is null || mine ? row.Link : null;
            var practiceName = row.PracticeId is { } id ? practiceNames.GetValueOrDefault(id, "") : "";
            return new DrillRow(row.PracticeId, link, perPractice ? [practiceName, .. row.Cells] : row.Cells);
        }).ToList();
        return new DrillDown(indicator.Key, period.Code, columns, rows);
    }

    /// <summary>Every record the figures may need (a region's records fit in memory; see docs/indicators.md for the limit).</summary>
    public static async Task<IndicatorData> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new IndicatorData(
            await session.Query<ConsultationRecord>().ToListAsync(ct).ConfigureAwait(false),
            await session.Query<HospitalReferralRecord>().ToListAsync(ct).ConfigureAwait(false),
            await session.Query<FollowUpRecord>().ToListAsync(ct).ConfigureAwait(false),
            await session.Query<FallsPreventionRecord>().ToListAsync(ct).ConfigureAwait(false),
            await session.Query<DirectoryEntryRecord>().ToListAsync(ct).ConfigureAwait(false));
    }
}
