namespace Schakel.Referral.Contracts;

/// <summary>The kind of a task in a patient's follow-up plan, as the contracts name it (the module's own <c>FollowUpTaskKind</c> has the same members and values).</summary>
public enum FollowUpCheckKind
{
    /// <summary>The practice nurse asks whether the patient still takes the medication.</summary>
    AdherenceCheck = 1,

    /// <summary>Evaluation by the GP (or pharmacist) after years of treatment, possibly with a repeat DEXA.</summary>
    Evaluation = 2,

    /// <summary>Only the height is due.</summary>
    HeightMeasurement = 3,
}

/// <summary>The class of an osteoporosis drug, as the Referral module reads the drug's name.</summary>
public enum OsteoporosisDrugClass
{
    /// <summary>Alendronic, risedronic, ibandronic or zoledronic acid.</summary>
    Bisphosphonate = 1,
    Denosumab = 2,

    /// <summary>Teriparatide or romosozumab.</summary>
    BoneBuilding = 3,

    /// <summary>A name the module does not recognise (calcium and vitamin D only, a typo, a brand it does not know).</summary>
    Other = 4,
}

/// <summary>One dated task of the plan a follow-up started with.</summary>
public sealed record FollowUpCheckPlanned(Guid TaskId, FollowUpCheckKind Kind, int MonthsAfterStart, DateOnly Due, bool RepeatDexa);

/// <summary>
/// A practice started following a patient's osteoporosis treatment (after a back-referral or by
/// enrolling her itself), with the plan's dated tasks. Carries the pseudonymous patient reference,
/// so it stays between modules (never to a browser push or an e-mail). Message identity:
/// <see cref="MessageIdentity"/>. Change only by adding fields.
/// </summary>
/// <param name="ReferralId">The hospital referral the patient was referred back from, if any.</param>
/// <param name="TreatmentStart">The day the medication started (the plan's months count from it).</param>
/// <param name="HospitalId">The hospital of the agreement the plan follows (the back-referring hospital, or the one the practice chose).</param>
public sealed record FollowUpStartedIntegrationEvent(
    Guid FollowUpId,
    Guid PracticeId,
    Guid ResponsibleGpId,
    string PatientReference,
    PatientGroup Group,
    Guid? ReferralId,
    OsteoporosisDrugClass DrugClass,
    DateOnly TreatmentStart,
    IReadOnlyList<FollowUpCheckPlanned> Checks,
    DateTimeOffset StartedAt,
    Guid? HospitalId = null)
{
    public const string MessageIdentity = "referral.follow-up-started.v1";
}

/// <summary>
/// The practice recorded one task of a follow-up plan: whether the patient still takes her
/// medication and, at an evaluation, the day of the repeat DEXA. No clinical free text.
/// Message identity: <see cref="MessageIdentity"/>. Change only by adding fields.
/// </summary>
/// <param name="DexaRepeatedOn">The day a repeat DEXA was made, when the practice recorded one.</param>
public sealed record FollowUpCheckRecordedIntegrationEvent(
    Guid FollowUpId,
    Guid TaskId,
    Guid PracticeId,
    FollowUpCheckKind Kind,
    int MonthsAfterStart,
    DateOnly Due,
    bool StillTakingMedication,
    bool NewFracture,
    DateOnly? DexaRepeatedOn,
    DateTimeOffset RecordedAt)
{
    public const string MessageIdentity = "referral.follow-up-check-recorded.v1";
}

/// <summary>What happened to a falls-prevention referral.</summary>
public enum FallsPreventionChange
{
    Referred = 1,

    /// <summary>The therapist confirmed the patient's intake (signed link).</summary>
    IntakeConfirmed = 2,

    /// <summary>The therapist reported the end of the treatment.</summary>
    TreatmentEnded = 3,
}

/// <summary>
/// A falls-prevention referral to a social-map location changed. Carries the pseudonymous patient
/// reference, so it stays between modules. Message identity: <see cref="MessageIdentity"/>.
/// Change only by adding fields.
/// </summary>
public sealed record FallsPreventionReferralChangedIntegrationEvent(
    Guid ReferralId,
    FallsPreventionChange Change,
    Guid PracticeId,
    Guid LocationId,
    string PatientReference,
    DateTimeOffset At)
{
    public const string MessageIdentity = "referral.falls-prevention-referral-changed.v1";
}
