namespace Schakel.Consultation.Contracts;

/// <summary>
/// A step in a consultation about a patient (posted, answered, asked again, closed, withdrawn, late),
/// for the practice's one timeline per patient in the Referral module. Carries the pseudonymous
/// patient reference (never a BSN, name or clinical text), so it stays between modules: never to a
/// browser push or an e-mail. Message identity: <see cref="MessageIdentity"/>. Change only by adding fields.
/// </summary>
/// <param name="Outcome">For an answer: the outcome's name (AdviceOnly, FurtherDiagnostics, ReferralAdvised, NoActionNeeded).</param>
public sealed record ConsultationStepTakenIntegrationEvent(
    Guid QuestionId,
    Guid PracticeId,
    string PatientReference,
    QuestionChange Change,
    string HospitalName,
    Specialty Specialty,
    string? Outcome,
    DateTimeOffset At)
{
    public const string MessageIdentity = "consultation.consultation-step-taken.v1";
}
