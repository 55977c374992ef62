using Schakel.BuildingBlocks.Access;

namespace Schakel.Consultation.Questions;

public enum QuestionStatus
{
    Open,
    Claimed,
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
    int Version)
{
    /// <summary>Who may see it: the asking practice and the answering pool (CaseAccess).</summary>
    public CaseOwners Owners => new(PracticeId, HospitalId, Pool);

    public static Question Create(QuestionPosted e) => new(
        e.QuestionId, e.PracticeId, e.PracticeName, e.ResponsibleGpId, e.ResponsibleGpName, e.PostedById, e.PostedByName,
        e.HospitalId, e.HospitalName, e.Pool, e.NamedSpecialistId, e.PatientReference, e.Patient, e.Category, e.Text, e.Clinical,
        e.WouldReferWithout, e.Urgent, IsAboutStoppingDenosumab(e), e.PromiseWorkingDays, e.PostedAt, e.DueAt, QuestionStatus.Open, null, null, 1);

    public Question Apply(QuestionClaimed e) =>
        this with { Status = QuestionStatus.Claimed, ClaimedById = e.SpecialistId, ClaimedByName = e.SpecialistName, Version = Version + 1 };

    /// <summary>Stopping denosumab without follow-on treatment causes rebound fractures: the specialist sees a flag.</summary>
    private static bool IsAboutStoppingDenosumab(QuestionPosted e) =>
        e.Category == QuestionCategory.StoppingDenosumab
        || e.Text.Contains("denosumab", StringComparison.OrdinalIgnoreCase) && e.Text.Contains("stop", StringComparison.OrdinalIgnoreCase);
}
