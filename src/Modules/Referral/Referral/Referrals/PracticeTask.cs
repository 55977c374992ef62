namespace Schakel.Referral.Referrals;

public enum PracticeTaskKind
{
    /// <summary>The hospital could not reach the patient after two invitations: the practice contacts her (patient group 1).</summary>
    ContactPatientAfterNoResponse = 1,
}

public enum PracticeTaskStatus
{
    Open = 1,
    Done = 2,
}

/// <summary>
/// Something the practice must do for a patient, with a due date: for now the safety net's task after
/// the hospital recorded "no response". Stored with the change that causes it; the practice's
/// worklist picks these up (see <see cref="Schakel.Referral.Contracts.ReferralChangedIntegrationEvent"/>).
/// </summary>
public sealed record PracticeTask(
    Guid Id,
    Guid PracticeId,
    Guid ResponsibleGpId,
    PracticeTaskKind Kind,
    string PatientReference,
    Guid ReferralId,
    DateOnly DueOn,
    PracticeTaskStatus Status,
    DateTimeOffset CreatedAt)
{
    /// <summary>The practice contacts a patient who did not respond within this many calendar days.</summary>
    public const int ContactWithinDays = 5;

    /// <summary>The task for a patient who did not respond to the hospital's invitations, due <see cref="ContactWithinDays"/> Dutch calendar days later.</summary>
    public static PracticeTask ContactAfterNoResponse(Guid id, HospitalReferral referral, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var today = DateOnly.FromDateTime(Schakel.BuildingBlocks.Portal.DutchTime.ToDutch(now).DateTime);
        return new(id, referral.PracticeId, referral.ResponsibleGpId, PracticeTaskKind.ContactPatientAfterNoResponse, referral.PatientReference,
            referral.Id, today.AddDays(ContactWithinDays), PracticeTaskStatus.Open, now);
    }
}
