using JasperFx.Events;
using Marten.Events.Projections;
using Schakel.Consultation.Contracts;
using Schakel.Referral.Contracts;
using Schakel.SocialMap.Contracts;

namespace Schakel.Indicators.Records;

/// <summary>The consultation records, one per question id, folded by <see cref="ConsultationRecord.Fold"/>.</summary>
public sealed class ConsultationRecords : MultiStreamProjection<ConsultationRecord, Guid>
{
    public ConsultationRecords() => Identity<ConsultationStepTakenIntegrationEvent>(e => e.QuestionId);

    public override ConsultationRecord? Evolve(ConsultationRecord? snapshot, Guid id, IEvent e) =>
        e.Data is ConsultationStepTakenIntegrationEvent step ? ConsultationRecord.Fold(snapshot, step) : snapshot;
}

/// <summary>The hospital-referral records, one per referral id.</summary>
public sealed class HospitalReferralRecords : MultiStreamProjection<HospitalReferralRecord, Guid>
{
    public HospitalReferralRecords() => Identity<ReferralChangedIntegrationEvent>(e => e.ReferralId);

    public override HospitalReferralRecord? Evolve(HospitalReferralRecord? snapshot, Guid id, IEvent e) =>
        e.Data is ReferralChangedIntegrationEvent change ? HospitalReferralRecord.Fold(snapshot, change) : snapshot;
}

/// <summary>The follow-up records, one per follow-up id.</summary>
public sealed class FollowUpRecords : MultiStreamProjection<FollowUpRecord, Guid>
{
    public FollowUpRecords()
    {
        Identity<FollowUpStartedIntegrationEvent>(e => e.FollowUpId);
        Identity<FollowUpCheckRecordedIntegrationEvent>(e => e.FollowUpId);
    }

    public override FollowUpRecord? Evolve(FollowUpRecord? snapshot, Guid id, IEvent e) => FollowUpRecord.Fold(snapshot, e.Data);
}

/// <summary>The falls-prevention records, one per referral id.</summary>
public sealed class FallsPreventionRecords : MultiStreamProjection<FallsPreventionRecord, Guid>
{
    public FallsPreventionRecords() => Identity<FallsPreventionReferralChangedIntegrationEvent>(e => e.ReferralId);

    public override FallsPreventionRecord? Evolve(FallsPreventionRecord? snapshot, Guid id, IEvent e) =>
        e.Data is FallsPreventionReferralChangedIntegrationEvent change ? FallsPreventionRecord.Fold(snapshot, change) : snapshot;
}

/// <summary>The social-map records, one per location id.</summary>
public sealed class DirectoryEntryRecords : MultiStreamProjection<DirectoryEntryRecord, Guid>
{
    public DirectoryEntryRecords()
    {
        Identity<TherapistLocationListedIntegrationEvent>(e => e.LocationId);
        Identity<TherapistLocationRevisedIntegrationEvent>(e => e.LocationId);
        Identity<TherapistLocationVerifiedIntegrationEvent>(e => e.LocationId);
        Identity<TherapistLocationRetiredIntegrationEvent>(e => e.LocationId);
    }

    public override DirectoryEntryRecord? Evolve(DirectoryEntryRecord? snapshot, Guid id, IEvent e) => DirectoryEntryRecord.Fold(snapshot, e.Data);
}
