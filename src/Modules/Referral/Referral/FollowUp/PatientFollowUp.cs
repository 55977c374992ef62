using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;

namespace Schakel.Referral.FollowUp;

/// <summary>Why a patient is in the practice's follow-up programme.</summary>
public enum FollowUpSource
{
    /// <summary>The hospital referred the patient back with a treatment started.</summary>
    BackReferral = 1,

    /// <summary>The practice added the patient itself (patient groups 2, 3 and 5).</summary>
    DirectEnrolment = 2,
}

public enum FollowUpTaskState
{
    Open = 1,
    Done = 2,
}

/// <summary>One task of a patient's plan, with what was found when it was done.</summary>
public sealed record FollowUpTask(
    Guid Id, FollowUpTaskKind Kind, int MonthsAfterStart, DateOnly Due, bool MeasureHeight, bool RepeatDexa,
    FollowUpTaskState State, DateTimeOffset? DoneAt, string? DoneByName, CheckFindings? Findings);

/// <summary>The practice started following a patient's osteoporosis treatment with a plan from the agreement in force.</summary>
public sealed record FollowUpStarted(
    Guid FollowUpId,
    Guid PracticeId,
    string PracticeName,
    Guid ResponsibleGpId,
    string ResponsibleGpName,
    Guid StartedById,
    string StartedByName,
    string PatientReference,
    string PracticePatientReference,
    PatientGroup Group,
    FollowUpSource Source,
    Guid? ReferralId,
    string Drug,
    string? Dose,
    DateOnly TreatmentStart,
    Guid AgreementId,
    int AgreementVersion,
    IReadOnlyList<ReReferralCriterion> ReReferralCriteria,
    IReadOnlyList<FollowUpTask> Tasks,
    DateTimeOffset StartedAt);

/// <summary>The practice nurse (or the GP) recorded a check; the plan moves on to the next task.</summary>
public sealed record CheckRecorded(Guid FollowUpId, Guid TaskId, CheckFindings Findings, Guid ById, string ByName, DateTimeOffset RecordedAt);

/// <summary>
/// At an evaluation whose plan asks for a repeat DEXA, the practice recorded the day the DEXA was made
/// (recorded with the check; a separate event so <see cref="CheckRecorded"/> keeps its shipped shape).
/// </summary>
public sealed record DexaRepeated(Guid FollowUpId, Guid TaskId, DateOnly On, Guid ById, string ByName, DateTimeOffset RecordedAt);

/// <summary>A check met the agreement's criteria for sending the patient back: the GP is offered the referral.</summary>
public sealed record ReReferralProposed(Guid FollowUpId, Guid TaskId, IReadOnlyList<ReReferralReason> Reasons, DateTimeOffset ProposedAt);

/// <summary>A patient's follow-up after the start of treatment, rebuilt from its events.</summary>
public sealed record PatientFollowUp(
    Guid Id,
    Guid PracticeId,
    string PracticeName,
    Guid ResponsibleGpId,
    string ResponsibleGpName,
    string PatientReference,
    string PracticePatientReference,
    PatientGroup Group,
    FollowUpSource Source,
    Guid? ReferralId,
    string Drug,
    string? Dose,
    DateOnly TreatmentStart,
    Guid AgreementId,
    int AgreementVersion,
    IReadOnlyList<ReReferralCriterion> ReReferralCriteria,
    IReadOnlyList<FollowUpTask> Tasks,
    IReadOnlyList<ReReferralReason> ProposedReReferral,
    DateTimeOffset StartedAt,
    int Version)
{
    /// <summary>The repeat DEXAs recorded at evaluations (not positional: snapshots stored before it read as empty).</summary>
    public IReadOnlyList<DexaRepeated> DexaRepeats { get; init; } = [];

    /// <summary>Only the practice follows its patients; the hospital hears through a new referral.</summary>
    public bool MaySee(CareUser user) => user.IsGpSide && user.OrganisationId == PracticeId;

    /// <summary>The height at the first check that measured it: the baseline for height loss.</summary>
    public decimal? FirstHeightCm => Tasks.Where(t => t.Findings?.HeightCm is not null).OrderBy(t => t.DoneAt).Select(t => t.Findings!.HeightCm).FirstOrDefault();

    public static PatientFollowUp? Fold(PatientFollowUp? followUp, object e) => (followUp, e) switch
    {
        (_, FollowUpStarted started) => Start(started),
        (null, _) => null,
        ({ } f, _) => f.Then(e),
    };

    public static PatientFollowUp Start(FollowUpStarted e) => new(
        e.FollowUpId, e.PracticeId, e.PracticeName, e.ResponsibleGpId, e.ResponsibleGpName, e.PatientReference, e.PracticePatientReference,
        e.Group, e.Source, e.ReferralId, e.Drug, e.Dose, e.TreatmentStart, e.AgreementId, e.AgreementVersion, e.ReReferralCriteria, e.Tasks, [], e.StartedAt, 1);

    public PatientFollowUp Then(object e) => Changed(e) with { Version = Version + 1 };

    private PatientFollowUp Changed(object e) => e switch
    {
        CheckRecorded c => this with
        {
            Tasks = [.. Tasks.Select(t => t.Id == c.TaskId ? t with { State = FollowUpTaskState.Done, DoneAt = c.RecordedAt, DoneByName = c.ByName, Findings = c.Findings } : t)],
        },
        ReReferralProposed p => this with { ProposedReReferral = p.Reasons },
        DexaRepeated d => this with { DexaRepeats = [.. DexaRepeats, d] },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a follow-up event."),
    };
}

/// <summary>Marten's inline snapshot of a follow-up, folded by <see cref="PatientFollowUp.Fold"/>.</summary>
public sealed class PatientFollowUpProjection : Marten.Events.Aggregation.SingleStreamProjection<PatientFollowUp, Guid>
{
    public override PatientFollowUp? Evolve(PatientFollowUp? snapshot, Guid id, JasperFx.Events.IEvent e) => PatientFollowUp.Fold(snapshot, e.Data);
}
