namespace Schakel.Consultation.Contracts;

/// <summary>
/// A specialist answered a consultation question with "referral advised": the Referral module
/// offers the GP a ready referral. Carries the pseudonymous patient reference only.
/// Message identity: <see cref="MessageIdentity"/>. Change only by adding fields.
/// </summary>
public sealed record ReferralAdvisedIntegrationEvent(
    Guid QuestionId,
    Guid PracticeId,
    Guid ResponsibleGpId,
    Guid HospitalId,
    string HospitalName,
    Specialty Specialty,
    string PatientReference,
    string SpecialistName,
    DateTimeOffset AdvisedAt)
{
    public const string MessageIdentity = "consultation.referral-advised.v1";
}
