using Schakel.Referral.Contracts;

namespace Schakel.Referral.FallsPrevention;

/// <summary>
/// The contract message a falls-prevention referral's event becomes, the same from the API, the
/// portal and the therapist's link. The callers publish it through the outbox of the transaction that
/// stores the event (docs/modules.md).
/// </summary>
public static class FallsPreventionEffects
{
    /// <summary>The message for one event of the referral, read with the referral after it.</summary>
    public static FallsPreventionReferralChangedIntegrationEvent Message(object change, FallsPreventionReferral after)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(after);
        var (kind, at) = change switch
        {
            FallsPreventionReferralMade m => (FallsPreventionChange.Referred, m.MadeAt),
            FallsPreventionIntakeConfirmed i => (FallsPreventionChange.IntakeConfirmed, i.ConfirmedAt),
            FallsPreventionTreatmentEnded t => (FallsPreventionChange.TreatmentEnded, t.ReportedAt),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not a falls-prevention event."),
        };
        return new(after.Id, kind, after.PracticeId, after.LocationId, after.PatientReference, at);
    }
}
