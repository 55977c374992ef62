using Schakel.Referral.Contracts;

namespace Schakel.Indicators.Records;

/// <summary>One referral to the hospital as the indicators count it; each moment is the first time that change was heard.</summary>
public sealed record HospitalReferralRecord(
    Guid Id,
    Guid PracticeId,
    Guid HospitalId,
    ReferralTargetKind Target,
    PatientGroup PatientGroup,
    DateTimeOffset? MadeAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? DeclinedAt,
    DateTimeOffset? NoResponseAt,
    DateTimeOffset? SafetyNetFollowedUpAt,
    DateTimeOffset? BackReferredAt)
{
    public static HospitalReferralRecord Fold(HospitalReferralRecord? record, ReferralChangedIntegrationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = record ?? new HospitalReferralRecord(e.ReferralId, e.PracticeId, e.HospitalId, e.Target, e.PatientGroup, null, null, null, null, null, null);
        return e.Change switch
        {
            ReferralChange.Made => r with { MadeAt = Moments.Earliest(r.MadeAt, e.At) },
            ReferralChange.Accepted => r with { AcceptedAt = Moments.Earliest(r.AcceptedAt, e.At) },
            ReferralChange.Declined => r with { DeclinedAt = Moments.Earliest(r.DeclinedAt, e.At) },
            ReferralChange.NoResponse => r with { NoResponseAt = Moments.Earliest(r.NoResponseAt, e.At) },
            ReferralChange.SafetyNetFollowedUp => r with { SafetyNetFollowedUpAt = Moments.Earliest(r.SafetyNetFollowedUpAt, e.At) },
            ReferralChange.BackReferred => r with { BackReferredAt = Moments.Earliest(r.BackReferredAt, e.At) },
            _ => r,
        };
    }
}
