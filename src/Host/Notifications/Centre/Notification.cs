using Marten;
using Wolverine;

namespace Schakel.Host.Notifications.Centre;

/// <summary>
/// Something one person should know about, kept until she has read it (docs/adr/0018). No patient
/// data: a Dutch title that names what happened, and a path to the item in the portal, whose page
/// checks what she may see.
/// </summary>
/// <param name="Id">A version 7 Guid taken when it is stored: ids sort by creation, so a page asks for what came after the last one it saw.</param>
/// <param name="Key">What it is about and for whom (event, subject, change, moment, recipient): the same integration event twice finds it and stores nothing.</param>
/// <param name="Kind">A stable name for what happened (<see cref="NotificationKinds"/>).</param>
/// <param name="Link">The portal path of the item (ids only).</param>
public sealed record Notification(
    Guid Id,
    string Key,
    Guid RecipientId,
    string Kind,
    string Title,
    string Link,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);

/// <summary>The kinds of notification; stable strings, for pages and for whoever filters on them later.</summary>
public static class NotificationKinds
{
    public const string ConsultationPosted = "consultation.posted";
    public const string ConsultationReturnedToPool = "consultation.returned-to-pool";
    public const string ConsultationHandedOver = "consultation.handed-over";
    public const string ConsultationClarificationRequested = "consultation.clarification-requested";
    public const string ConsultationClarificationGiven = "consultation.clarification-given";
    public const string ConsultationAnswered = "consultation.answered";
    public const string ConsultationFollowUpAsked = "consultation.follow-up-asked";
    public const string ConsultationWithdrawn = "consultation.withdrawn";
    public const string ConsultationReminder = "consultation.reminder";
    public const string ConsultationLate = "consultation.late";
    public const string ReferralMade = "referral.made";
    public const string ReferralAccepted = "referral.accepted";
    public const string ReferralDeclined = "referral.declined";
    public const string ReferralAppointmentScheduled = "referral.appointment-scheduled";
    public const string ReferralNoResponse = "referral.no-response";
    public const string ReferralCompleted = "referral.completed";
    public const string ReferralBackReferred = "referral.back-referred";
}

/// <summary>What to tell, before it is known to whom.</summary>
public sealed record NotificationText(string Kind, string Title, string Link);

/// <summary>
/// Push a stored notification's id to its recipient's open pages. Sent through the outbox in the
/// transaction that stored the notification, so there is never a poke for something not stored.
/// </summary>
public sealed record PushNotification(Guid NotificationId, Guid RecipientId)
{
    public const string MessageIdentity = "notifications.push-notification.v1";

    public const string Queue = "notification-pushes";
}

/// <summary>What a browser hears of a new notification: its id, nothing more.</summary>
public sealed record NotificationPoke(Guid NotificationId);

/// <summary>Stores notifications once per integration event and recipient, and pushes each new one.</summary>
public static class NotificationDelivery
{
    /// <param name="eventKey">The integration event and what it is about, without the recipient (no patient data).</param>
    /// <param name="emails">Adds, for each new notification whose recipient wants it at once, its e-mail (docs/adr/0020).</param>
    public static async Task<OutgoingMessages> DeliverAsync(
        IDocumentSession session, string eventKey, IEnumerable<Guid> recipients, NotificationText text, TimeProvider clock,
        Preferences.EmailNotifications emails, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(clock);
        var pushes = new OutgoingMessages();
        var keys = recipients.Distinct().ToDictionary(r => r, r => $"{eventKey}/{r}");
        if (keys.Count == 0)
        {
            return pushes;
        }

        var wanted = keys.Values.ToArray();
        var stored = await session.Query<Notification>().Where(n => wanted.Contains(n.Key)).Select(n => n.Key).ToListAsync(ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var added = new List<Notification>();
        foreach (var (recipient, key) in keys.Where(k => !stored.Contains(k.Value)))
        {
            var notification = new Notification(Guid.CreateVersion7(now), key, recipient, text.Kind, text.Title, text.Link, now, null);
            session.Insert(notification);
            added.Add(notification);
            pushes.Add(new PushNotification(notification.Id, recipient));
        }

        pushes.AddRange(await emails.ImmediateAsync(session, added, ct).ConfigureAwait(false));
        return pushes;
    }
}

/// <summary>Sends the poke of a stored notification to its recipient's user group on the live hub.</summary>
public static class PushNotificationHandler
{
    /// <summary>The hub method the pages listen to.</summary>
    public const string Method = "notificationAdded";

    public static Task Handle(PushNotification message, Schakel.Host.Live.LivePokes pokes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(pokes);
        return pokes.SendAsync([Schakel.Host.Live.LiveGroups.User(message.RecipientId)], Method, new NotificationPoke(message.NotificationId), ct);
    }
}
