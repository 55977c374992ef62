using Schakel.BuildingBlocks.Access;

namespace Schakel.Consultation.Questions;

public enum Sex
{
    Female,
    Male,
    Other,
}

/// <summary>What the GP asks about (the categories of the regional consultation line).</summary>
public enum QuestionCategory
{
    StartTreatment,
    ChoiceOfDrug,
    EvaluationAfterFiveYears,
    StoppingDenosumab,
    ReadingDexaOrVfaReport,
    SecondaryOsteoporosisInLab,
    GlucocorticoidUser,
    Other,
}

/// <summary>"Without this consultation I would refer this patient."</summary>
public enum WouldRefer
{
    Yes,
    No,
    NotSure,
}

public enum DexaSite
{
    LumbarSpine,
    FemoralNeck,
    TotalHip,
}

/// <summary>The patient as the practice knows her. Stored with the question; never leaves the module.</summary>
public sealed record PatientDetails(DateOnly DateOfBirth, Sex Sex, string PracticePatientReference, string? Bsn);

public sealed record Fracture(string Site, DateOnly? Date);

public sealed record DexaResult(DexaSite Site, decimal TScore, DateOnly? Date);

public sealed record LabValue(string Name, string Value, string? Unit, DateOnly? Date);

public sealed record BoneMedication(string Drug, DateOnly? StartedOn);

public sealed record Glucocorticoids(decimal DailyDoseMg, int DurationMonths);

/// <summary>Fracture-prevention data, as far as the GP knows it.</summary>
public sealed record ClinicalData(
    IReadOnlyList<Fracture> Fractures,
    IReadOnlyList<DexaResult> Dexa,
    int? VfaGenantGrade,
    IReadOnlyList<LabValue> Lab,
    IReadOnlyList<BoneMedication> Medication,
    Glucocorticoids? Glucocorticoids,
    int? FallsLastYear)
{
    public static readonly ClinicalData None = new([], [], null, [], [], null, null);
}

/// <summary>A GP (or a practice nurse on behalf of a named GP) posted a question to a hospital pool.</summary>
public sealed record QuestionPosted(
    Guid QuestionId,
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
    DateTimeOffset ConsentRecordedAt,
    QuestionCategory Category,
    string Text,
    ClinicalData Clinical,
    WouldRefer WouldReferWithout,
    bool Urgent,
    int PromiseWorkingDays,
    DateTimeOffset PostedAt,
    DateTimeOffset DueAt);

/// <summary>A specialist of the pool took the question on.</summary>
public sealed record QuestionClaimed(Guid QuestionId, Guid SpecialistId, string SpecialistName, DateTimeOffset ClaimedAt);

/// <summary>The specialist needs more from the GP; the response clock pauses until the GP replies.</summary>
public sealed record ClarificationRequested(Guid QuestionId, Guid SpecialistId, string SpecialistName, string Text, DateTimeOffset RequestedAt);

/// <summary>The GP replied; the clock runs again and the due moment moves by the pause.</summary>
public sealed record ClarificationGiven(Guid QuestionId, Guid ById, string ByName, string Text, DateTimeOffset GivenAt, DateTimeOffset NewDueAt);

public enum AnswerOutcome
{
    /// <summary>Advice only: the GP continues care.</summary>
    AdviceOnly,
    FurtherDiagnostics,
    ReferralAdvised,
    NoActionNeeded,
}

public sealed record QuestionAnswered(Guid QuestionId, Guid SpecialistId, string SpecialistName, string Advice, AnswerOutcome Outcome, DateTimeOffset AnsweredAt);

/// <summary>The GP closes the answered question and says whether it saved a referral and how useful it was.</summary>
public sealed record QuestionClosed(Guid QuestionId, Guid ById, string ByName, bool AvoidedReferral, int Usefulness, DateTimeOffset ClosedAt);

public sealed record QuestionWithdrawn(Guid QuestionId, Guid ById, string ByName, DateTimeOffset WithdrawnAt);

/// <summary>A promise checkpoint passed without an answer (50%, 80%, or the deadline); raised once per level and due moment.</summary>
public sealed record EscalationRaised(Guid QuestionId, Schakel.Consultation.Escalation.EscalationLevel Level, DateTimeOffset DueAt, Guid? ClaimedById, DateTimeOffset RaisedAt);

/// <summary>A message on the question's conversation; <see cref="Corrects"/> names an earlier message it corrects.</summary>
public sealed record MessagePosted(Guid QuestionId, Guid MessageId, Guid AuthorId, string AuthorName, string Side, string Text, Guid? Corrects, DateTimeOffset PostedAt);

/// <summary>
/// A file (PDF, JPEG or PNG) was attached by either side. The event holds what a reader needs to
/// list it; the bytes are in consultation.attachment_contents, stored in the same transaction.
/// </summary>
public sealed record AttachmentAdded(
    Guid QuestionId,
    Guid AttachmentId,
    string FileName,
    string ContentType,
    long SizeBytes,
    string Sha256Hex,
    Guid AddedById,
    string AddedByName,
    string Side,
    DateTimeOffset AddedAt);
