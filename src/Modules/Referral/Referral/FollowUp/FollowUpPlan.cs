using Schakel.Referral.Agreements;

namespace Schakel.Referral.FollowUp;

public enum FollowUpTaskKind
{
    /// <summary>The practice nurse asks whether the patient still takes the medication, about side effects and falls.</summary>
    AdherenceCheck = 1,

    /// <summary>Evaluation by the GP (or pharmacist) after years of treatment: continue, or a drug holiday.</summary>
    Evaluation = 2,

    /// <summary>Only the height is due (loss of height suggests new vertebral fractures).</summary>
    HeightMeasurement = 3,
}

/// <summary>One dated task of a follow-up plan; a check may also ask for the height, the evaluation for a repeat DEXA.</summary>
public sealed record PlannedTask(FollowUpTaskKind Kind, int MonthsAfterStart, DateOnly Due, bool MeasureHeight, bool RepeatDexa);

/// <summary>The follow-up plan an agreement's schedule gives for a treatment that started on a day.</summary>
public static class FollowUpPlan
{
    /// <summary>
    /// Adherence checks at the schedule's months, the evaluation at its month (with a repeat DEXA when
    /// the schedule says so), and the height every so many months up to the evaluation: asked at a
    /// check or the evaluation that falls in that month, else as a task of its own. Ordered by due day.
    /// </summary>
    public static IReadOnlyList<PlannedTask> For(FollowUpSchedule schedule, DateOnly treatmentStart)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var heightMonths = schedule.HeightEveryMonths > 0
            ? Enumerable.Range(1, schedule.EvaluationAfterMonths / schedule.HeightEveryMonths).Select(i => i * schedule.HeightEveryMonths).ToHashSet()
            : [];
        var checks = schedule.AdherenceCheckMonths.Where(m => m > 0 && m < schedule.EvaluationAfterMonths).Distinct().ToList();
        var tasks = checks
            .Select(m => new PlannedTask(FollowUpTaskKind.AdherenceCheck, m, treatmentStart.AddMonths(m), heightMonths.Contains(m), RepeatDexa: false))
            .Append(new PlannedTask(FollowUpTaskKind.Evaluation, schedule.EvaluationAfterMonths, treatmentStart.AddMonths(schedule.EvaluationAfterMonths),
                heightMonths.Contains(schedule.EvaluationAfterMonths), schedule.RepeatDexaAtEvaluation))
            .Concat(heightMonths.Where(m => !checks.Contains(m) && m != schedule.EvaluationAfterMonths)
                .Select(m => new PlannedTask(FollowUpTaskKind.HeightMeasurement, m, treatmentStart.AddMonths(m), MeasureHeight: true, RepeatDexa: false)));
        return tasks.OrderBy(t => t.MonthsAfterStart).ToList();
    }
}
