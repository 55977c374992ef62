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
    int Version)
{
    /// <summary>Who may see it: the asking practice and the answering pool (CaseAccess).</summary>
    public CaseOwners Owners => new(PracticeId, HospitalId, Pool);

    public static Question Create(QuestionPosted e) => new(
        e.QuestionId, e.PracticeId, e.PracticeName, e.ResponsibleGpId, e.ResponsibleGpName, e.PostedById, e.PostedByName,
        e.HospitalId, e.HospitalName, e.Pool, e.NamedSpecialistId, e.PatientReference, e.Patient, e.Category, e.Text, e.Clinical,
        e.WouldReferWithout, e.Urgent, IsAboutStoppingDenosumab(e), e.PromiseWorkingDays, e.PostedAt, e.DueAt, QuestionStatus.Open, null, null, [], null, null, null, null, [], [], 1);

    public Question Apply(QuestionClaimed e) =>
        this with { Status = QuestionStatus.Claimed, ClaimedById = e.SpecialistId, ClaimedByName = e.SpecialistName, Version = Version + 1 };

    public Question Apply(ClarificationRequested e) =>
        this with { Status = QuestionStatus.AwaitingClarification, Pauses = [.. Pauses, new(e.RequestedAt, null)], Version = Version + 1 };

    public Question Apply(ClarificationGiven e) =>
        this with
        {
            Status = QuestionStatus.Claimed,
            Pauses = [.. Pauses.Select(p => p.End is null ? p with { End = e.GivenAt } : p)],
            DueAt = e.NewDueAt,
            // A new due moment: its checkpoints start afresh.
            Escalations = [],
            Version = Version + 1,
        };

    public Question Apply(MessagePosted e) => this with { Messages = [.. Messages, e.MessageId], Version = Version + 1 };

    public Question Apply(EscalationRaised e) => this with { Escalations = [.. Escalations, e.Level], Version = Version + 1 };

    public Question Apply(QuestionAnswered e) =>
        this with { Status = QuestionStatus.Answered, Advice = e.Advice, Outcome = e.Outcome, Version = Version + 1 };

    public Question Apply(QuestionClosed e) =>
        this with { Status = QuestionStatus.Closed, AvoidedReferral = e.AvoidedReferral, Usefulness = e.Usefulness, Version = Version + 1 };

    public Question Apply(QuestionWithdrawn e) => this with { Status = QuestionStatus.Withdrawn, Version = Version + 1 };

    /// <summary>Still waiting for the specialist's answer (the promise applies).</summary>
    public bool AwaitsAnswer => Status is QuestionStatus.Open or QuestionStatus.Claimed or QuestionStatus.AwaitingClarification;

    /// <summary>Stopping denosumab without follow-on treatment causes rebound fractures: the specialist sees a flag.</summary>
    private static bool IsAboutStoppingDenosumab(QuestionPosted e) =>
        e.Category == QuestionCategory.StoppingDenosumab
        || e.Text.Contains("denosumab", StringComparison.OrdinalIgnoreCase) && e.Text.Contains("stop", StringComparison.OrdinalIgnoreCase);
}
