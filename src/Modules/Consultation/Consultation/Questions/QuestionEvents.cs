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

/// <summary>The holder gave the question to a colleague of the same pool; its status and promise stay as they were.</summary>
public sealed record QuestionHandedOver(Guid QuestionId, Guid FromId, string FromName, Guid ToId, string ToName, string? Note, DateTimeOffset HandedOverAt);

/// <summary>Why a question went back to the pool.</summary>
public static class ReturnReasons
{
    /// <summary>The holder marked herself absent.</summary>
    public const string Absence = "absence";
}

/// <summary>
/// The question no longer has a holder (she marked absence). Open again for the pool; a question
/// waiting for the GP's clarification keeps waiting (the clock stays paused) without a holder.
/// </summary>
public sealed record QuestionReturnedToPool(Guid QuestionId, Guid SpecialistId, string SpecialistName, string Reason, DateTimeOffset ReturnedAt);

/// <summary>Why a question was given to a specialist without her claiming it.</summary>
public static class AssignmentReasons
{
    /// <summary>The pool assigns automatically: the available specialist with the fewest open questions.</summary>
    public const string Automatic = "automatic";

    /// <summary>The GP posted it to this specialist by name.</summary>
    public const string Named = "named";
}

/// <summary>The question went to a specialist of the pool without her claiming it (see <see cref="AssignmentReasons"/>).</summary>
public sealed record QuestionAssigned(Guid QuestionId, Guid SpecialistId, string SpecialistName, string Reason, DateTimeOffset AssignedAt);

/// <summary>
/// The GP asked a follow-up question on the answer: the question reopens with a new promise counted
/// from <see cref="PromiseStartedAt"/>, held by the specialist who answered (<see cref="ToSpecialistId"/>)
/// or, when she is not available, open for the pool.
/// </summary>
public sealed record FollowUpAsked(
    Guid QuestionId,
    Guid ById,
    string ByName,
    string Text,
    DateTimeOffset AskedAt,
    DateTimeOffset PromiseStartedAt,
    DateTimeOffset NewDueAt,
    Guid? ToSpecialistId,
    string? ToSpecialistName);
