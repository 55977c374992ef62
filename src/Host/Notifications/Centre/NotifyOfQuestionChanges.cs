using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Contracts;
using Wolverine;

namespace Schakel.Host.Notifications.Centre;

/// <summary>
/// Turns a change of a consultation question into notifications for the people who should act or
/// know: the pool of a new question, the GP of an answer or a request for clarification, the
/// holder of a reminder. Stored in this handler's transaction; their pokes leave through its outbox.
/// </summary>
public static class NotifyOfQuestionChangesHandler
{
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) => Schakel.BuildingBlocks.Messaging.DuplicateDeliveries.RetryOnDuplicateKey(chain);

    public static async Task<OutgoingMessages> Handle(
        QuestionChangedIntegrationEvent changed, IDocumentSession session, ICareDirectory directory, TimeProvider clock,
        Preferences.EmailNotifications emails, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(directory);
        if (TextOf(changed) is not { } text)
        {
            return new OutgoingMessages();
        }

        var recipients = await RecipientsAsync(changed, directory, ct).ConfigureAwait(false);
        var eventKey = $"{QuestionChangedIntegrationEvent.MessageIdentity}/{changed.QuestionId}/{changed.Change}/{changed.OccurredAt.UtcTicks}";
        return await NotificationDelivery.DeliverAsync(session, eventKey, recipients, text, clock, emails, ct).ConfigureAwait(false);
    }

    /// <summary>What to tell of this change, or null when it is nobody's business beyond the live pages.</summary>
    public static NotificationText? TextOf(QuestionChangedIntegrationEvent changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var link = $"/consultaties/{changed.QuestionId}";
        return changed.Change switch
        {
            QuestionChange.Posted => new(NotificationKinds.ConsultationPosted, "Nieuwe consultatievraag in uw pool", link),
            QuestionChange.ReturnedToPool => new(NotificationKinds.ConsultationReturnedToPool, "Een consultatievraag is terug in uw pool", link),
            QuestionChange.HandedOver => new(NotificationKinds.ConsultationHandedOver, "Een consultatievraag is aan u overgedragen", link),
            QuestionChange.ClarificationRequested => new(NotificationKinds.ConsultationClarificationRequested, "Verzoek om verduidelijking", link),
            QuestionChange.ClarificationGiven => new(NotificationKinds.ConsultationClarificationGiven, "Verduidelijking ontvangen op een consultatievraag", link),
            QuestionChange.Answered => new(NotificationKinds.ConsultationAnswered, "Er is een antwoord op uw consultatievraag", link),
            QuestionChange.FollowUpAsked => new(NotificationKinds.ConsultationFollowUpAsked, "Vervolgvraag op een consultatievraag", link),
            QuestionChange.Withdrawn => new(NotificationKinds.ConsultationWithdrawn, "Een consultatievraag is ingetrokken", link),
            QuestionChange.ReminderAtHalfTime or QuestionChange.ReminderAtFourFifths =>
                new(NotificationKinds.ConsultationReminder, "Herinnering: een consultatievraag wacht op antwoord", link),
            QuestionChange.Late => new(NotificationKinds.ConsultationLate, "Consultatievraag te laat", link),
            // Claims, messages and attachments: the event does not say who acted, and the actor needs no notice of her own step.
            _ => null,
        };
    }

    private static async Task<IReadOnlyList<Guid>> RecipientsAsync(QuestionChangedIntegrationEvent changed, ICareDirectory directory, CancellationToken ct)
    {
        Guid[] gps = [changed.ResponsibleGpId, changed.PostedById];
        Guid[] holder = changed.ClaimedById is { } h ? [h] : [];
        return changed.Change switch
        {
            QuestionChange.Posted => await PoolAsync(changed, directory, ct).ConfigureAwait(false),
            QuestionChange.ReturnedToPool => (await PoolAsync(changed, directory, ct).ConfigureAwait(false))
                .Where(id => id != changed.PreviouslyClaimedById).ToList(),
            QuestionChange.HandedOver or QuestionChange.ClarificationGiven or QuestionChange.Withdrawn => holder,
            QuestionChange.ClarificationRequested or QuestionChange.Answered => gps,
            QuestionChange.FollowUpAsked or QuestionChange.ReminderAtHalfTime or QuestionChange.ReminderAtFourFifths =>
                holder.Length > 0 ? holder : await PoolAsync(changed, directory, ct).ConfigureAwait(false),
            QuestionChange.Late =>
            [
                .. gps,
                .. holder.Length > 0 ? holder : await PoolAsync(changed, directory, ct).ConfigureAwait(false),
                .. (await directory.PeopleWithRoleAsync(changed.HospitalId, [SchakelRoles.OsteoporosisNurse], ct).ConfigureAwait(false)).Select(n => n.UserId),
            ],
            _ => [],
        };
    }

    private static async Task<IReadOnlyList<Guid>> PoolAsync(QuestionChangedIntegrationEvent changed, ICareDirectory directory, CancellationToken ct)
    {
        var pool = changed.Specialty == Specialty.Rheumatology ? SpecialtyPool.Rheumatology : SpecialtyPool.InternalMedicine;
        return (await directory.SpecialistsOfAsync(changed.HospitalId, pool, ct).ConfigureAwait(false)).Select(s => s.UserId).ToList();
    }
}
