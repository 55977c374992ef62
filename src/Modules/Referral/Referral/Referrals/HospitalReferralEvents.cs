using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;

namespace Schakel.Referral.Referrals;

public enum Sex
{
    Female,
    Male,
    Other,
}

/// <summary>
/// The patient as the referring practice knows her: the pseudonymous reference that may cross
/// modules and the access log, and what only the two sides of the referral see.
/// </summary>
public sealed record ReferredPatient(string PatientReference, DateOnly DateOfBirth, Sex Sex, string PracticePatientReference, string? Bsn);

/// <summary>One item of the content a referral agreement asks for, as the GP wrote it.</summary>
public sealed record ReferralContent(ReferralContentItem Item, string Text);

/// <summary>
/// A GP (or a practice nurse for her GP) referred a patient to a hospital under the referral agreement
/// the practice joined with it. <see cref="ProposalId"/>: the consultation question whose answer advised it.
/// </summary>
public sealed record ReferralMade(
    Guid ReferralId,
    Guid PracticeId,
    string PracticeName,
    Guid ResponsibleGpId,
    string ResponsibleGpName,
    Guid MadeById,
    string MadeByName,
    Guid HospitalId,
    string HospitalName,
    ReferralTarget Target,
    PatientGroup PatientGroup,
    ReferredPatient Patient,
    DateTimeOffset ConsentRecordedAt,
    string Reason,
    IReadOnlyList<ReferralContent> Content,
    Guid AgreementId,
    int AgreementVersion,
    Guid? ProposalId,
    DateTimeOffset MadeAt);

/// <summary>The receiving hospital takes the referral on.</summary>
public sealed record ReferralAccepted(Guid ReferralId, Guid ById, string ByName, DateTimeOffset AcceptedAt);

/// <summary>The receiving hospital does not take the referral on, and says why.</summary>
public sealed record ReferralDeclined(Guid ReferralId, Guid ById, string ByName, string Reason, DateTimeOffset DeclinedAt);

/// <summary>The hospital invited the patient (the first, second, ... invitation) by some channel (letter, phone, patient portal).</summary>
public sealed record InvitationSent(Guid ReferralId, int Number, string Channel, Guid ById, string ByName, DateTimeOffset SentAt);

/// <summary>The patient has an appointment at the hospital (a new one replaces an earlier one).</summary>
public sealed record AppointmentScheduled(Guid ReferralId, DateTimeOffset When, string Where, Guid ById, string ByName, DateTimeOffset ScheduledAt);

/// <summary>The patient did not respond to (at least two) invitations: the safety net hands her back to the GP.</summary>
public sealed record PatientDidNotRespond(Guid ReferralId, int InvitationsSent, Guid ById, string ByName, DateTimeOffset RecordedAt);

/// <summary>The hospital saw the patient and closes the referral with a short summary.</summary>
public sealed record ReferralCompleted(Guid ReferralId, string Summary, Guid ById, string ByName, DateTimeOffset CompletedAt);

/// <summary>
/// The hospital referred the patient back (terugrapportage): diagnostics, the treatment started and
/// remarks, and the follow-up plan that started for the practice under the agreement version in force.
/// </summary>
public sealed record PatientReferredBack(
    Guid ReferralId,
    DexaFindings? Dexa,
    int? VfaGenantGrade,
    string? Lab,
    string Drug,
    string? Dose,
    DateOnly TreatmentStart,
    string? Remarks,
    Guid FollowUpId,
    Guid AgreementId,
    int AgreementVersion,
    Guid ById,
    string ByName,
    DateTimeOffset ReferredBackAt);

/// <summary>
/// The safety net's follow-up: the practice contacted the patient who did not respond to the hospital's
/// invitations, and says how it went (<see cref="PracticeTask"/> <paramref name="TaskId"/> is done).
/// </summary>
public sealed record PatientContactRecorded(
    Guid ReferralId, Guid TaskId, PatientContactOutcome Outcome, string? Note, Guid ById, string ByName, DateTimeOffset RecordedAt);
