using Schakel.Referral.Contracts;

namespace Schakel.Referral.Agreements;

/// <summary>Where a GP refers to in the hospital.</summary>
public enum ReferralTarget
{
    /// <summary>The fracture-prevention clinic (fracture liaison service, FLS).</summary>
    FractureLiaisonService = 1,
    Internist = 2,
    Rheumatologist = 3,
}

/// <summary>What a referral can be required to contain; each agreement version says which.</summary>
public enum ReferralContentItem
{
    Reason = 1,
    FractureHistory = 2,
    DexaResult = 3,
    CurrentMedication = 4,
    Glucocorticoids = 5,
    LabValues = 6,
    FallsHistory = 7,
    Comorbidity = 8,
}

/// <summary>When the GP sends a patient in follow-up back to the hospital.</summary>
public enum ReReferralCriterion
{
    NewFractureUnderTreatment = 1,
    Intolerance = 2,
    DenosumabToStop = 3,
    EvaluationAfterFiveYears = 4,
    Complications = 5,
}

/// <summary>
/// The follow-up schedule after the start of treatment: adherence checks (months after the start),
/// the evaluation (with a repeat DEXA) and how often height is measured.
/// </summary>
public sealed record FollowUpSchedule(IReadOnlyList<int> AdherenceCheckMonths, int EvaluationAfterMonths, bool RepeatDexaAtEvaluation, int HeightEveryMonths)
{
    /// <summary>The regional plan's default: 1, 3, 6 months, 1, 1.5, 2, 3, 4 years; evaluation after 5 years with DEXA; height every 2 years.</summary>
    public static readonly FollowUpSchedule Default = new([1, 3, 6, 12, 18, 24, 36, 48], 60, true, 24);
}

/// <summary>
/// What referrals and follow-up plans need of one agreement version. (Collections, not sets: the
/// document is stored as JSON, which cannot rebuild an <c>IReadOnlySet</c>; each holds an item once.) The Agreements slices keep a
/// <see cref="JoinedAgreement"/> per practice and hospital; referrals record the version they were made under.
/// </summary>
public sealed record AgreementTerms(
    Guid AgreementId,
    int Version,
    Guid HospitalId,
    string HospitalName,
    IReadOnlyDictionary<PatientGroup, string> ReferralCriteria,
    IReadOnlyCollection<ReferralContentItem> RequiredReferralContent,
    FollowUpSchedule Schedule,
    IReadOnlyCollection<ReReferralCriterion> ReReferralCriteria);

/// <summary>
/// The agreement version a practice has joined with a hospital (one document per practice and
/// hospital, id <see cref="IdOf"/>); replaced when the practice joins a newer version.
/// </summary>
public sealed record JoinedAgreement(string Id, Guid PracticeId, Guid HospitalId, AgreementTerms Terms, DateTimeOffset JoinedAt)
{
    public static string IdOf(Guid practiceId, Guid hospitalId) => $"{practiceId:N}:{hospitalId:N}";
}
