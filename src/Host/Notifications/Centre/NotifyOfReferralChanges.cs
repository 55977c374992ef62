using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Contracts;
using Wolverine;

namespace Schakel.Host.Notifications.Centre;

/// <summary>
/// Turns a change of a referral into notifications: the hospital's people for the target of a new
/// referral, the responsible GP of each answer from the hospital. Stored in this handler's
/// transaction; their pokes leave through its outbox.
/// </summary>
public static class NotifyOfReferralChangesHandler
{
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) => Schakel.BuildingBlocks.Messaging.DuplicateDeliveries.RetryOnDuplicateKey(chain);

    public static async Task<OutgoingMessages> Handle(
        ReferralChangedIntegrationEvent changed, IDocumentSession session, ICareDirectory directory, TimeProvider clock,
        Preferences.EmailNotifications emails, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(directory);
        if (TextOf(changed) is not { } text)
        {
            return new OutgoingMessages();
        }

        IReadOnlyList<Guid> recipients = changed.Change == ReferralChange.Made
            ? (await directory.PeopleWithRoleAsync(changed.HospitalId, [RoleFor(changed.Target)], ct).ConfigureAwait(false)).Select(p => p.UserId).ToList()
            : [changed.ResponsibleGpId];
        var eventKey = $"{ReferralChangedIntegrationEvent.MessageIdentity}/{changed.ReferralId}/{changed.Change}/{changed.At.UtcTicks}";
        return await NotificationDelivery.DeliverAsync(session, eventKey, recipients, text, clock, emails, ct).ConfigureAwait(false);
    }

    public static NotificationText? TextOf(ReferralChangedIntegrationEvent changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var link = $"/verwijzingen/{changed.ReferralId}";
        return changed.Change switch
        {
            ReferralChange.Made => new(NotificationKinds.ReferralMade, "Nieuwe verwijzing ontvangen", link),
            ReferralChange.Accepted => new(NotificationKinds.ReferralAccepted, "Uw verwijzing is geaccepteerd", link),
            ReferralChange.Declined => new(NotificationKinds.ReferralDeclined, "Uw verwijzing is afgewezen", link),
            ReferralChange.AppointmentScheduled => new(NotificationKinds.ReferralAppointmentScheduled, "Er is een afspraak gepland voor uw verwijzing", link),
            ReferralChange.NoResponse => new(NotificationKinds.ReferralNoResponse, "Patiënt reageert niet op de uitnodiging van het ziekenhuis", link),
            ReferralChange.Completed => new(NotificationKinds.ReferralCompleted, "Uw verwijzing is afgerond", link),
            ReferralChange.BackReferred => new(NotificationKinds.ReferralBackReferred, "Patiënt terugverwezen voor opvolging", link),
            // The practice's own step after the safety net: nobody needs telling; the hospital reads it in the referral's history.
            ReferralChange.SafetyNetFollowedUp => null,
            // The invitation is between the hospital and the patient; the GP hears when an appointment is made or nobody answers.
            _ => null,
        };
    }

    private static string RoleFor(ReferralTargetKind target) => target switch
    {
        ReferralTargetKind.Internist => SchakelRoles.Internist,
        ReferralTargetKind.Rheumatologist => SchakelRoles.Rheumatologist,
        _ => SchakelRoles.OsteoporosisNurse,
    };
}
