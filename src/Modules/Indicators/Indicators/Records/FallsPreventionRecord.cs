using Schakel.Referral.Contracts;

namespace Schakel.Indicators.Records;

/// <summary>One falls-prevention referral to a social-map location as the indicators count it.</summary>
public sealed record FallsPreventionRecord(
    Guid Id,
    Guid PracticeId,
    Guid LocationId,
    string PatientReference,
    DateTimeOffset? ReferredAt,
    DateTimeOffset? IntakeConfirmedAt,
    DateTimeOffset? TreatmentEndedAt)
{
    public static FallsPreventionRecord Fold(FallsPreventionRecord? record, FallsPreventionReferralChangedIntegrationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = record ?? new FallsPreventionRecord(e.ReferralId, e.PracticeId, e.LocationId, e.PatientReference, null, null, null);
        return e.Change switch
        {
            FallsPreventionChange.Referred => r with { ReferredAt = Moments.Earliest(r.ReferredAt, e.At) },
            FallsPreventionChange.IntakeConfirmed => r with { IntakeConfirmedAt = Moments.Earliest(r.IntakeConfirmedAt, e.At) },
            FallsPreventionChange.TreatmentEnded => r with { TreatmentEndedAt = Moments.Earliest(r.TreatmentEndedAt, e.At) },
            _ => r,
        };
    }
}
