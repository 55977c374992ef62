using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;

namespace Schakel.Referral.Referrals;

/// <summary>Where a referral to the hospital stands. Values are stored; add new ones at the end.</summary>
public enum ReferralStatus
{
    Sent = 1,
    Accepted = 2,
    Declined = 3,
    Invited = 4,
    AppointmentScheduled = 5,
    Completed = 6,
    NoResponse = 7,

    /// <summary>The hospital handed the patient back; the practice follows her up.</summary>
    BackReferred = 8,
}

/// <summary>
/// A referral of one patient from a GP practice to a hospital (fracture-prevention clinic, internist or
/// rheumatologist), rebuilt from its events; an inline snapshot serves reads and lists.
/// </summary>
public sealed record HospitalReferral(
    Guid Id,
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
    string Reason,
    IReadOnlyList<ReferralContent> Content,
    Guid AgreementId,
    int AgreementVersion,
    Guid? ProposalId,
    DateTimeOffset MadeAt,
    ReferralStatus Status,
    string? DeclineReason,
    int InvitationsSent,
    DateTimeOffset? LastInvitedAt,
    DateTimeOffset? AppointmentAt,
    string? AppointmentPlace,
    string? Summary,
    DateTimeOffset? RespondedAt,
    DateTimeOffset? ClosedAt,
    PatientReferredBack? BackReferral,
    int Version)
{
    /// <summary>The practice's contact with the patient after the safety net (not positional: snapshots stored before it read as none).</summary>
    public PatientContactRecorded? PatientContact { get; init; }

    /// <summary>The GP's open loop: a referral the hospital has not answered this many calendar days after it was sent.</summary>
    public static readonly TimeSpan ResponseExpectedWithin = TimeSpan.FromDays(7);

    /// <summary>The pseudonymous patient reference (for the access log and the other modules).</summary>
    public string PatientReference => Patient.PatientReference;

    /// <summary>
    /// The one place that says what each event does to a referral: Marten's snapshot projection and the
    /// change routine both fold events through it.
    /// </summary>
    public static HospitalReferral? Fold(HospitalReferral? referral, object e) => (referral, e) switch
    {
        (_, ReferralMade made) => Start(made),
        (null, _) => null,
        ({ } r, _) => r.Then(e),
    };

    /// <summary>The referral as made (the first event of every stream).</summary>
    public static HospitalReferral Start(ReferralMade e) => new(
        e.ReferralId, e.PracticeId, e.PracticeName, e.ResponsibleGpId, e.ResponsibleGpName, e.MadeById, e.MadeByName,
        e.HospitalId, e.HospitalName, e.Target, e.PatientGroup, e.Patient, e.Reason, e.Content, e.AgreementId, e.AgreementVersion,
        e.ProposalId, e.MadeAt, ReferralStatus.Sent, null, 0, null, null, null, null, null, null, null, 1);

    /// <summary>The referral after one more event.</summary>
    public HospitalReferral Then(object e) => Changed(e) with { Version = Version + 1 };

    private HospitalReferral Changed(object e) => e switch
    {
        ReferralAccepted a => this with { Status = ReferralStatus.Accepted, RespondedAt = a.AcceptedAt },
        ReferralDeclined d => this with { Status = ReferralStatus.Declined, DeclineReason = d.Reason, RespondedAt = d.DeclinedAt, ClosedAt = d.DeclinedAt },
        InvitationSent i => this with { Status = ReferralStatus.Invited, InvitationsSent = i.Number, LastInvitedAt = i.SentAt },
        AppointmentScheduled s => this with { Status = ReferralStatus.AppointmentScheduled, AppointmentAt = s.When, AppointmentPlace = s.Where },
        PatientDidNotRespond n => this with { Status = ReferralStatus.NoResponse, ClosedAt = n.RecordedAt },
        ReferralCompleted c => this with { Status = ReferralStatus.Completed, Summary = c.Summary, ClosedAt = c.CompletedAt },
        PatientReferredBack b => this with { Status = ReferralStatus.BackReferred, BackReferral = b, ClosedAt = ClosedAt ?? b.ReferredBackAt },
        PatientContactRecorded c => this with { PatientContact = c },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a referral event."),
    };

    /// <summary>Sent, and the hospital has not accepted or declined it within <see cref="ResponseExpectedWithin"/>.</summary>
    public bool AwaitsHospitalTooLong(DateTimeOffset now) => Status == ReferralStatus.Sent && now - MadeAt >= ResponseExpectedWithin;

    /// <summary>
    /// Who may see it: the referring practice and the receiving hospital (any of its hospital-side
    /// people). A coordinator or anyone else sees nothing.
    /// </summary>
    public bool IsVisibleTo(CareUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsGpSide ? user.OrganisationId == PracticeId
            : user.IsSpecialistSide && user.OrganisationId == HospitalId;
    }
}

/// <summary>Marten's inline snapshot of a referral, evolved by <see cref="HospitalReferral.Fold"/>.</summary>
public sealed class HospitalReferralProjection : Marten.Events.Aggregation.SingleStreamProjection<HospitalReferral, Guid>
{
    public override HospitalReferral? Evolve(HospitalReferral? snapshot, Guid id, JasperFx.Events.IEvent e) => HospitalReferral.Fold(snapshot, e.Data);
}
