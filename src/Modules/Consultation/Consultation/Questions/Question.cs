using Schakel.BuildingBlocks.Access;

namespace Schakel.Consultation.Questions;

public enum QuestionStatus
{
    Open,
    Claimed,
    AwaitingClarification,
    Answered,
    Closed,
    Withdrawn,
}

/// <summary>
/// A consultation question, rebuilt from its events (an inline snapshot serves reads and lists).
/// </summary>
public sealed record Question(
    Guid Id,
    Guid PracticeId,
    string PracticeName,
    Guid ResponsibleGpId,
    string ResponsibleGpName,
    Guid PostedById,
    string PostedByName,
    Guid HospitalId,
    string HospitalName,
    SpecialtyPool Pool,
    Guid? NamedSpecialistId,
    string PatientReference,
    PatientDetails Patient,
    QuestionCategory Category,
    string Text,
    ClinicalData Clinical,
    WouldRefer WouldReferWithout,
    bool Urgent,
    bool DenosumabFlag,
    int PromiseWorkingDays,
    DateTimeOffset PostedAt,
    DateTimeOffset DueAt,
    QuestionStatus Status,
    Guid? ClaimedById,
    string? ClaimedByName,
    IReadOnlyList<Schakel.Consultation.ResponsePromise.Pause> Pauses,
    string? Advice,
    AnswerOutcome? Outcome,
    bool? AvoidedReferral,
    int? Usefulness,
    IReadOnlyList<Schakel.Consultation.Escalation.EscalationLevel> Escalations,
    IReadOnlyList<Guid> Messages,
    IReadOnlyList<AttachmentInfo> Attachments,
    DateTimeOffset? HeldSince,
    DateTimeOffset? PromiseRestartedAt,
    int Version)
{
    /// <summary>The attachments' metadata in the order they were added (empty, not null, in snapshots stored before attachments existed).</summary>
    public IReadOnlyList<AttachmentInfo> Attachments { get; init; } = Attachments ?? [];

    /// <summary>Where the current promise counts from: the posting, or the last follow-up question.</summary>
    public DateTimeOffset PromiseStartedAt => PromiseRestartedAt ?? PostedAt;

    /// <summary>Waiting for an answer with nobody holding it: any specialist of the pool may claim it (or it is assigned).</summary>
    public bool InPool => AwaitsAnswer && ClaimedById is null;


    /// <summary>Who may see it: the asking practice and the answering pool (CaseAccess).</summary>
    public CaseOwners Owners => new(PracticeId, HospitalId, Pool);

    /// <summary>
    /// The one place that says what each event does to a question: Marten's snapshot projection
    /// (<see cref="QuestionProjection"/>) and the command routine both fold events through it.
    /// </summary>
    public static Question? Fold(Question? question, object e) => (question, e) switch
    {
        (_, QuestionPosted posted) => Start(posted),
        (null, _) => null,
        ({ } q, _) => q.Then(e),
    };

    /// <summary>The question as posted (the first event of every stream).</summary>
    public static Question Start(QuestionPosted e) => new(
        e.QuestionId, e.PracticeId, e.PracticeName, e.ResponsibleGpId, e.ResponsibleGpName, e.PostedById, e.PostedByName,
        e.HospitalId, e.HospitalName, e.Pool, e.NamedSpecialistId, e.PatientReference, e.Patient, e.Category, e.Text, e.Clinical,
        e.WouldReferWithout, e.Urgent, IsAboutStoppingDenosumab(e), e.PromiseWorkingDays, e.PostedAt, e.DueAt, QuestionStatus.Open, null, null, [], null, null, null, null, [], [], [], null, null, 1);

    /// <summary>The question after one more event.</summary>
    public Question Then(object e) => Changed(e) with { Version = Version + 1 };

    private Question Changed(object e) => e switch
    {
        // A question returned to the pool while waiting for the GP keeps waiting (the clock stays paused) under its new holder.
        QuestionClaimed c => this with { Status = HeldStatus, ClaimedById = c.SpecialistId, ClaimedByName = c.SpecialistName, HeldSince = c.ClaimedAt },
        QuestionAssigned a => this with { Status = HeldStatus, ClaimedById = a.SpecialistId, ClaimedByName = a.SpecialistName, HeldSince = a.AssignedAt },
        QuestionHandedOver h => this with { ClaimedById = h.ToId, ClaimedByName = h.ToName, HeldSince = h.HandedOverAt },
        QuestionReturnedToPool r => this with
        {
            Status = Status == QuestionStatus.AwaitingClarification ? QuestionStatus.AwaitingClarification : QuestionStatus.Open,
            ClaimedById = null,
            ClaimedByName = null,
            HeldSince = null,
        },
        FollowUpAsked f => this with
        {
            Status = f.ToSpecialistId is null ? QuestionStatus.Open : QuestionStatus.Claimed,
            ClaimedById = f.ToSpecialistId,
            ClaimedByName = f.ToSpecialistName,
            HeldSince = f.ToSpecialistId is null ? null : f.AskedAt,
            PromiseRestartedAt = f.PromiseStartedAt,
            DueAt = f.NewDueAt,
            // A new promise: no pauses, and its checkpoints start afresh.
            Pauses = [],
            Escalations = [],
        },
        ClarificationRequested r => this with { Status = QuestionStatus.AwaitingClarification, Pauses = [.. Pauses, new(r.RequestedAt, null)] },
        ClarificationGiven g => this with
        {
            // Returned to the pool while waiting for the GP: back to Open, for whoever claims (or is assigned) it.
            Status = ClaimedById is null ? QuestionStatus.Open : QuestionStatus.Claimed,
            Pauses = [.. Pauses.Select(p => p.End is null ? p with { End = g.GivenAt } : p)],
            DueAt = g.NewDueAt,
            // A new due moment: its checkpoints start afresh.
            Escalations = [],
        },
        MessagePosted m => this with { Messages = [.. Messages, m.MessageId] },
        AttachmentAdded a => this with { Attachments = [.. Attachments, AttachmentInfo.Of(a)] },
        EscalationRaised x => this with { Escalations = [.. Escalations, x.Level] },
        QuestionAnswered a => this with { Status = QuestionStatus.Answered, Advice = a.Advice, Outcome = a.Outcome },
        QuestionClosed c => this with { Status = QuestionStatus.Closed, AvoidedReferral = c.AvoidedReferral, Usefulness = c.Usefulness },
        QuestionWithdrawn => this with { Status = QuestionStatus.Withdrawn },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a question event."),
    };

    /// <summary>Either side may add files until the question is closed or withdrawn.</summary>
    public bool AcceptsAttachments => Status is not (QuestionStatus.Closed or QuestionStatus.Withdrawn);

    /// <summary>The status once someone holds it: still waiting for the GP, or claimed.</summary>
    private QuestionStatus HeldStatus => Status == QuestionStatus.AwaitingClarification ? QuestionStatus.AwaitingClarification : QuestionStatus.Claimed;

    /// <summary>Still waiting for the specialist's answer (the promise applies).</summary>
    public bool AwaitsAnswer => Status is QuestionStatus.Open or QuestionStatus.Claimed or QuestionStatus.AwaitingClarification;

    /// <summary>Stopping denosumab without follow-on treatment causes rebound fractures: the specialist sees a flag.</summary>
    private static bool IsAboutStoppingDenosumab(QuestionPosted e) =>
        e.Category == QuestionCategory.StoppingDenosumab
        || e.Text.Contains("denosumab", StringComparison.OrdinalIgnoreCase) && e.Text.Contains("stop", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An attachment as the question lists it (the bytes are stored apart).</summary>
public sealed record AttachmentInfo(
    Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256Hex, Guid AddedById, string AddedByName, string Side, DateTimeOffset AddedAt)
{
    public static AttachmentInfo Of(AttachmentAdded e) =>
        new(e.AttachmentId, e.FileName, e.ContentType, e.SizeBytes, e.Sha256Hex, e.AddedById, e.AddedByName, e.Side, e.AddedAt);
}

/// <summary>Marten's inline snapshot of a question, evolved by <see cref="Question.Fold"/>.</summary>
public sealed class QuestionProjection : Marten.Events.Aggregation.SingleStreamProjection<Question, Guid>
{
    public override Question? Evolve(Question? snapshot, Guid id, JasperFx.Events.IEvent e) => Question.Fold(snapshot, e.Data);
}
