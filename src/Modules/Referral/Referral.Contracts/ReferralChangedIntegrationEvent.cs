namespace Schakel.Referral.Contracts;

/// <summary>What happened to a referral to the hospital, as the rest of the product may hear it.</summary>
public enum ReferralChange
{
    Made = 1,
    Accepted = 2,
    Declined = 3,
    InvitationSent = 4,
    AppointmentScheduled = 5,

    /// <summary>The patient did not respond to the hospital's invitations: the GP gets a task to contact her (the safety net).</summary>
    NoResponse = 6,
    Completed = 7,

    /// <summary>The hospital referred the patient back; the practice's follow-up plan started.</summary>
    BackReferred = 8,

    /// <summary>The practice recorded that it contacted the patient who did not respond (the safety net's task is done).</summary>
    SafetyNetFollowedUp = 9,
}

/// <summary>
/// Where in the hospital a patient is referred to, as the contracts name it (the module's own
/// <c>ReferralTarget</c> has the same members and values).
/// </summary>
public enum ReferralTargetKind
{
    /// <summary>The fracture-prevention clinic (fracture liaison service, FLS).</summary>
    FractureLiaisonService = 1,
    Internist = 2,
    Rheumatologist = 3,
}

/// <summary>
/// A referral to the hospital changed: the host pushes it live to the two sides, and the practice's
/// worklist can pick up the safety-net task when the patient did not respond. Ids, the kind of change
/// and the agreement only: no patient data (not even the pseudonymous reference), so it may travel to
/// browsers, logs and e-mail texts. Message identity: <see cref="MessageIdentity"/>. Change only by adding fields.
/// </summary>
/// <param name="PracticeId">The referring practice (its people see the referral).</param>
/// <param name="ResponsibleGpId">The GP responsible for the referral (a practice nurse refers on her GP's behalf).</param>
/// <param name="HospitalId">The receiving hospital.</param>
/// <param name="AgreementId">The referral agreement the referral was made under.</param>
/// <param name="AgreementVersion">That agreement's version.</param>
public sealed record ReferralChangedIntegrationEvent(
    Guid ReferralId,
    ReferralChange Change,
    Guid PracticeId,
    Guid ResponsibleGpId,
    Guid HospitalId,
    ReferralTargetKind Target,
    PatientGroup PatientGroup,
    Guid AgreementId,
    int AgreementVersion,
    DateTimeOffset At)
{
    public const string MessageIdentity = "referral.referral-changed.v1";
}
