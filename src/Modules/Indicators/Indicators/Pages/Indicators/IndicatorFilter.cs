using Microsoft.AspNetCore.Http;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Contracts;
using Schakel.Indicators.Figures;

namespace Schakel.Indicators.Pages.Indicators;

/// <summary>
/// What the dashboard's filter form asks, as the query string the API reads (period, hospital,
/// specialty, practice, scope=region); the form's period kind only switches the period
/// (<see cref="Switched"/>). One query string serves the page, its drill-down links and the CSV
/// links, so what the reader downloads is what she sees.
/// </summary>
public sealed record IndicatorFilter(Period Period, Guid? Hospital, Specialty? Specialty, Guid? Practice, bool Region)
{
    /// <summary>The months and quarters the form offers.</summary>
    public const int Months = 24;

    public const int Quarters = 8;

    /// <summary>The query string for a scope as resolved for the viewer (a practice asks for the region explicitly).</summary>
    public static IndicatorFilter Of(Period period, IndicatorScope scope, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(viewer);
        return new(period, scope.HospitalId, scope.Specialty, scope.PracticeId, viewer.IsPractice && scope.IsRegion);
    }

    public QueryString Query => QueryString.Create(new Dictionary<string, string?>
    {
        ["period"] = Period.Code,
        ["hospital"] = Hospital?.ToString(),
        ["specialty"] = Specialty?.ToString(),
        ["practice"] = Practice?.ToString(),
        ["scope"] = Region ? "region" : null,
    }.Where(p => p.Value is not null));

    /// <summary>
    /// When the form changed the period kind (month to quarter or back) the chosen period is of the
    /// other kind: the period of the new kind at the same time (a month's quarter; a quarter's last
    /// month, or the running month while the quarter runs). Null when nothing needs changing.
    /// </summary>
    public static Period? Switched(string? kind, Period chosen, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        var wanted = kind switch
        {
            "month" => PeriodKind.Month,
            "quarter" => PeriodKind.Quarter,
            _ => chosen.Kind,
        };
        if (wanted == chosen.Kind)
        {
            return null;
        }

        if (wanted == PeriodKind.Quarter)
        {
            return Period.Containing(PeriodKind.Quarter, chosen.Start);
        }

        var last = new Period(PeriodKind.Month, chosen.Year, chosen.Number * 3);
        var running = Period.Containing(PeriodKind.Month, now);
        return running.CompareTo(last) < 0 && running.CompareTo(new Period(PeriodKind.Month, chosen.Year, chosen.Number * 3 - 2)) >= 0 ? running : last;
    }

    /// <summary>The periods of a kind the form offers, newest first, from the running one back.</summary>
    public static IReadOnlyList<Period> Choices(PeriodKind kind, DateTimeOffset now) =>
        Period.Containing(kind, now).AndPrevious(kind == PeriodKind.Month ? Months : Quarters).Reverse().ToList();
}
