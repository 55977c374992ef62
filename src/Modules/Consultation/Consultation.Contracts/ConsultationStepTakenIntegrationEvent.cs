namespace Schakel.Consultation.Contracts;

/// <summary>
/// A step in a consultation about a patient (posted, answered, asked again, closed, withdrawn, late),
/// for the practice's one timeline per patient in the Referral module. Carries the pseudonymous
/// patient reference (never a BSN, name or clinical text), so it stays between modules: never to a
/// browser push or an e-mail. Message identity: <see cref="MessageIdentity"/>. Change only by adding fields.
/// </summary>
/// <param name="Outcome">For an answer: the outcome's name (AdviceOnly, FurtherDiagnostics, ReferralAdvised, NoActionNeeded).</param>
/// <param name="HospitalId">The answering hospital (added later, like every field after <paramref name="At"/>; null from older senders).</param>
/// <param name="ResponsibleGpId">The GP responsible for the question.</param>
/// <param name="PostedById">Who posted it (the GP, or a practice nurse on the GP's behalf).</param>
/// <param name="Urgent">Whether the question was posted as urgent (a shorter promise).</param>
/// <param name="DueAt">When the answer is (or was) due after this step.</param>
/// <param name="WouldReferWithout">When posted: the GP's "without this consultation I would refer" (Yes, No, NotSure).</param>
/// <param name="WorkingHoursToAnswer">
/// When answered: the working time the answer took, from the start of the promise (the posting, or the
/// follow-up question) to the answer, in hours on working days (Monday to Friday, no Dutch public
/// holiday, Europe/Amsterdam; a working day counts 24), with the clarification pauses left out: the
/// same clock as the response promise.
/// </param>
/// <param name="AvoidedReferral">When closed: the GP says the consultation avoided a referral.</param>
/// <param name="Usefulness">When closed: the GP's usefulness score, 1 to 5.</param>
public sealed record ConsultationStepTakenIntegrationEvent(
    Guid QuestionId,
    Guid PracticeId,
    string PatientReference,
    QuestionChange Change,
    string HospitalName,
    Specialty Specialty,
    string? Outcome,
    DateTimeOffset At,
    Guid? HospitalId = null,
    Guid? ResponsibleGpId = null,
    Guid? PostedById = null,
    bool? Urgent = null,
    DateTimeOffset? DueAt = null,
    string? WouldReferWithout = null,
    double? WorkingHoursToAnswer = null,
    bool? AvoidedReferral = null,
    int? Usefulness = null)
{
    public const string MessageIdentity = "consultation.consultation-step-taken.v1";
}
