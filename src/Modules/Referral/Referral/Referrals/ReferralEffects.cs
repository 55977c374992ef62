using Marten;
using Schakel.Referral.Contracts;
using Wolverine;

namespace Schakel.Referral.Referrals;

/// <summary>
/// What follows from a stored change of a referral, the same whoever made it (the API or the portal):
/// the safety net's task for the practice when the patient did not respond, done once the practice
/// recorded its contact with her (stored in the same transaction), and the contract message the rest of the product hears (through the outbox, so it
/// leaves only once the change is stored).
/// </summary>
public static class ReferralEffects
{
    public static async Task ApplyAsync(IDocumentSession session, IMessageBus bus, object change, HospitalReferral after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(bus);
        if (change is PatientDidNotRespond)
        {
            session.Store(PracticeTask.ContactAfterNoResponse(Guid.CreateVersion7(), after, now));
        }

        if (change is PatientContactRecorded contacted && await session.LoadAsync<PracticeTask>(contacted.TaskId).ConfigureAwait(false) is { } task)
        {
            session.Store(task with { Status = PracticeTaskStatus.Done });
        }

        await bus.PublishAsync(Message(change, after, now)).ConfigureAwait(false);
    }

    /// <summary>The integration message for one change: ids, the kind of change and the agreement; no patient data.</summary>
    public static ReferralChangedIntegrationEvent Message(object change, HospitalReferral after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(after);
        return new(after.Id, Kind(change), after.PracticeId, after.ResponsibleGpId, after.HospitalId, (ReferralTargetKind)(int)after.Target,
            after.PatientGroup, after.AgreementId, after.AgreementVersion, now);
    }

    public static ReferralChange Kind(object change) => change switch
    {
        ReferralMade => ReferralChange.Made,
        ReferralAccepted => ReferralChange.Accepted,
        ReferralDeclined => ReferralChange.Declined,
        InvitationSent => ReferralChange.InvitationSent,
        AppointmentScheduled => ReferralChange.AppointmentScheduled,
        PatientDidNotRespond => ReferralChange.NoResponse,
        ReferralCompleted => ReferralChange.Completed,
        PatientReferredBack => ReferralChange.BackReferred,
        PatientContactRecorded => ReferralChange.SafetyNetFollowedUp,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not a referral event."),
    };
}
