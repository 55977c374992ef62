using Schakel.Referral.Agreements;

namespace Schakel.Referral.FollowUp;

/// <summary>What the practice nurse records at a check (or the GP at the evaluation).</summary>
/// <param name="StillTakingMedication">Does the patient still take the osteoporosis medication?</param>
/// <param name="StoppedBecauseOfSideEffects">She stopped it because of side effects (intolerance).</param>
/// <param name="SideEffects">Side effects she reports, if any (free text).</param>
/// <param name="HeightCm">Height measured now, when it was measured.</param>
/// <param name="FallsSinceLastCheck">Falls since the previous check.</param>
/// <param name="NewFracture">A new fracture since the previous check.</param>
/// <param name="Complications">Complications such as jaw osteonecrosis or an atypical femur fracture (free text), if any.</param>
public sealed record CheckFindings(
    bool StillTakingMedication,
    bool StoppedBecauseOfSideEffects,
    string? SideEffects,
    decimal? HeightCm,
    int FallsSinceLastCheck,
    bool NewFracture,
    string? Complications);

/// <summary>A criterion for sending the patient back to the hospital that a check met, with the reason in Dutch.</summary>
public sealed record ReReferralReason(ReReferralCriterion Criterion, string Reason);

/// <summary>
/// Whether a check's findings meet the agreement's criteria for sending the patient back to the
/// hospital. Only criteria the agreement version names count; the GP decides, the system proposes.
/// </summary>
public static class ReReferralAdvice
{
    /// <summary>Height loss from the first measurement that suggests a new vertebral fracture.</summary>
    public const decimal SuspiciousHeightLossCm = 2.0m;

    private static readonly System.Globalization.CultureInfo Dutch = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");

    public static IReadOnlyList<ReReferralReason> For(
        CheckFindings findings, PlannedTask task, string drug, decimal? firstHeightCm, IReadOnlySet<ReReferralCriterion> agreed)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(agreed);
        var reasons = new List<ReReferralReason>();
        if (findings.NewFracture)
        {
            reasons.Add(new(ReReferralCriterion.NewFractureUnderTreatment, "Nieuwe fractuur onder behandeling."));
        }
        else if (findings.HeightCm is { } height && firstHeightCm is { } first && first - height >= SuspiciousHeightLossCm)
        {
            reasons.Add(new(ReReferralCriterion.NewFractureUnderTreatment,
                string.Create(Dutch, $"Lengteverlies van {first - height:0.#} cm sinds de eerste meting: verdenking op een nieuwe wervelfractuur.")));
        }

        if (findings.StoppedBecauseOfSideEffects)
        {
            reasons.Add(new(ReReferralCriterion.Intolerance, "Gestopt met de medicatie vanwege bijwerkingen."));
        }

        if (IsDenosumab(drug) && !findings.StillTakingMedication)
        {
            reasons.Add(new(ReReferralCriterion.DenosumabToStop, "Denosumab gestopt of te stoppen: nooit zonder vervolgbehandeling (rebound-fracturen)."));
        }

        if (task.Kind == FollowUpTaskKind.Evaluation)
        {
            reasons.Add(new(ReReferralCriterion.EvaluationAfterFiveYears, "Evaluatie na jaren behandeling: doorgaan of een medicatiepauze."));
        }

        if (!string.IsNullOrWhiteSpace(findings.Complications))
        {
            reasons.Add(new(ReReferralCriterion.Complications, "Complicatie: " + findings.Complications.Trim()));
        }

        return reasons.Where(r => agreed.Contains(r.Criterion)).DistinctBy(r => r.Criterion).ToList();
    }

    private static bool IsDenosumab(string drug) => OsteoporosisDrugs.Names(drug, Schakel.Referral.Contracts.OsteoporosisDrugClass.Denosumab);
}
