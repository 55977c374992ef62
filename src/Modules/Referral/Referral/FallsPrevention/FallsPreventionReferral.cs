using Schakel.BuildingBlocks.Access;

namespace Schakel.Referral.FallsPrevention;

public enum FallsPreventionStatus
{
    Referred = 1,
    IntakeConfirmed = 2,
    TreatmentEnded = 3,
}

/// <summary>A GP referred a patient to a falls-prevention location of the social map; the therapist gets an e-mailed link for the intake.</summary>
public sealed record FallsPreventionReferralMade(
    Guid ReferralId,
    Guid PracticeId,
    string PracticeName,
    Guid ResponsibleGpId,
    string ResponsibleGpName,
    Guid MadeById,
    string MadeByName,
    Guid LocationId,
    string LocationName,
    string PatientReference,
    string PracticePatientReference,
    string Programme,
    string? Remarks,
    Guid IntakeLinkId,
    DateTimeOffset MadeAt);

/// <summary>The therapist confirmed the intake through the link; a new link for the end of treatment goes out.</summary>
public sealed record FallsPreventionIntakeConfirmed(Guid ReferralId, Guid LinkId, DateOnly IntakeOn, string TherapistName, string? Remarks, Guid EndLinkId, DateTimeOffset ConfirmedAt);

/// <summary>The therapist reported the end of treatment through the second link: the short report for the GP.</summary>
public sealed record FallsPreventionTreatmentEnded(Guid ReferralId, Guid LinkId, DateOnly EndedOn, int SessionsAttended, string Outcome, string? AdviceForGp, DateTimeOffset ReportedAt);

/// <summary>A falls-prevention referral, rebuilt from its events.</summary>
public sealed record FallsPreventionReferral(
    Guid Id,
    Guid PracticeId,
    string PracticeName,
    string ResponsibleGpName,
    string MadeByName,
    Guid LocationId,
    string LocationName,
    string PatientReference,
    string PracticePatientReference,
    string Programme,
    string? Remarks,
    DateTimeOffset MadeAt,
    FallsPreventionStatus Status,
    Guid IntakeLinkId,
    Guid? EndLinkId,
    FallsPreventionIntakeConfirmed? Intake,
    FallsPreventionTreatmentEnded? Report,
    int Version)
{
    /// <summary>Only the referring practice; the therapist reaches it through her link alone.</summary>
    public bool MaySee(CareUser user) => user.IsGpSide && user.OrganisationId == PracticeId;

    /// <summary>The stage a link of this referral is good for now, or null when it is used, replaced or unknown.</summary>
    public TherapistLinkStage? OpenStageFor(Guid linkId) =>
        Status == FallsPreventionStatus.Referred && linkId == IntakeLinkId ? TherapistLinkStage.Intake
        : Status == FallsPreventionStatus.IntakeConfirmed && linkId == EndLinkId ? TherapistLinkStage.EndOfTreatment
        : null;

    public static FallsPreventionReferral? Fold(FallsPreventionReferral? referral, object e) => (referral, e) switch
    {
        (_, FallsPreventionReferralMade made) => Start(made),
        (null, _) => null,
        ({ } r, _) => r.Then(e),
    };

    public static FallsPreventionReferral Start(FallsPreventionReferralMade e) => new(
        e.ReferralId, e.PracticeId, e.PracticeName, e.ResponsibleGpName, e.MadeByName, e.LocationId, e.LocationName, e.PatientReference, e.PracticePatientReference,
        e.Programme, e.Remarks, e.MadeAt, FallsPreventionStatus.Referred, e.IntakeLinkId, null, null, null, 1);

    public FallsPreventionReferral Then(object e) => Changed(e) with { Version = Version + 1 };

    private FallsPreventionReferral Changed(object e) => e switch
    {
        FallsPreventionIntakeConfirmed i => this with { Status = FallsPreventionStatus.IntakeConfirmed, Intake = i, EndLinkId = i.EndLinkId },
        FallsPreventionTreatmentEnded t => this with { Status = FallsPreventionStatus.TreatmentEnded, Report = t },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a falls-prevention event."),
    };
}

/// <summary>Marten's inline snapshot, folded by <see cref="FallsPreventionReferral.Fold"/>.</summary>
public sealed class FallsPreventionReferralProjection : Marten.Events.Aggregation.SingleStreamProjection<FallsPreventionReferral, Guid>
{
    public override FallsPreventionReferral? Evolve(FallsPreventionReferral? snapshot, Guid id, JasperFx.Events.IEvent e) => FallsPreventionReferral.Fold(snapshot, e.Data);
}
