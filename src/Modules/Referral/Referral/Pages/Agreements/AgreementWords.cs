using Schakel.Referral.Agreements;
using Schakel.Referral.Pages.FollowUp;

namespace Schakel.Referral.Pages.Agreements;

/// <summary>How the agreement pages say things in Dutch.</summary>
public static class AgreementWords
{
    public static string Of(AgreementVersionStatus status) => status switch
    {
        AgreementVersionStatus.Draft => "concept",
        AgreementVersionStatus.Active => "van kracht",
        _ => "vervangen",
    };

    public static string Of(ReReferralCriterion criterion) => criterion switch
    {
        ReReferralCriterion.NewFractureUnderTreatment => "Nieuwe fractuur onder behandeling (of lengteverlies dat op een wervelfractuur wijst)",
        ReReferralCriterion.Intolerance => "Intolerantie: gestopt vanwege bijwerkingen",
        ReReferralCriterion.DenosumabToStop => "Denosumab moet stoppen (nooit zonder vervolgbehandeling)",
        ReReferralCriterion.EvaluationAfterFiveYears => "Evaluatie na jaren behandeling",
        ReReferralCriterion.Complications => "Complicaties (bijvoorbeeld kaakosteonecrose, atypische femurfractuur)",
        _ => criterion.ToString(),
    };

    /// <summary>The follow-up schedule as one Dutch sentence.</summary>
    public static string Schedule(FollowUpSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var checks = schedule.AdherenceCheckMonths.Select(FollowUpText.Period).ToList();
        var list = checks.Count == 1 ? checks[0] : string.Join(", ", checks.Take(checks.Count - 1)) + " en " + checks[^1];
        return $"Controle therapietrouw na {list}; evaluatie na {FollowUpText.Period(schedule.EvaluationAfterMonths)}"
            + (schedule.RepeatDexaAtEvaluation ? " met herhaal-DEXA" : "")
            + $"; lengte meten elke {FollowUpText.Period(schedule.HeightEveryMonths)}.";
    }
}
