using Marten;
using Microsoft.AspNetCore.Authorization;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.BuildingBlocks.Portal;
using Schakel.Host.Notifications.Centre;
using Schakel.Host.Notifications.Email;
using Wolverine.Http;

namespace Schakel.Host.Notifications.Preferences;

/// <summary>
/// The e-mails of newly stored notifications whose recipient chose e-mail at once for their kind
/// (or whose role does by default). Returned to the handler that stored them, so they leave through
/// its outbox in the same transaction: one e-mail per stored notification, with the notification's
/// id as the e-mail's identity. No patient data: the notification's Dutch title and a link.
/// </summary>
public sealed class EmailNotifications(ICareDirectory directory, EmailTemplates templates, PortalLinks links)
{
    public async Task<IReadOnlyList<SendEmail>> ImmediateAsync(IQuerySession session, IReadOnlyCollection<Notification> stored, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Count == 0)
        {
            return [];
        }

        var recipients = stored.Select(n => n.RecipientId).Distinct().ToArray();
        var chosen = (await session.LoadManyAsync<NotificationPreferences>(ct, recipients).ConfigureAwait(false)).ToDictionary(p => p.Id);
        var mail = new List<SendEmail>();
        foreach (var notification in stored)
        {
            var preferences = chosen.GetValueOrDefault(notification.RecipientId) ?? NotificationPreferences.For(notification.RecipientId);
            if (preferences.Choices.TryGetValue(notification.Kind, out var own) && own != DeliveryChoice.EmailImmediately)
            {
                continue;
            }

            if (await directory.FindAsync(notification.RecipientId, ct).ConfigureAwait(false) is not { } person
                || preferences.For(notification.Kind, person.Roles) != DeliveryChoice.EmailImmediately)
            {
                continue;
            }

            var message = templates.Notification(person.Email, person.Name, new NotificationEmail(
                notification.Title, links.To(OpenNotificationEndpoint.For(notification.Id)), links.To(PreferencesPage.Path)));
            mail.Add(new SendEmail(message with { Id = notification.Id }));
        }

        return mail;
    }
}

/// <summary>
/// The link in a notification's e-mail: the notification's id as a link id (a GUID's digits may pass
/// the BSN eleven-proof the e-mail guard refuses), opened by its recipient to the item's page, which
/// checks access. Anyone else, or an unknown code, lands on her own notifications.
/// </summary>
public static class OpenNotificationEndpoint
{
    public const string Path = "/meldingen/open/";

    public static string For(Guid notificationId) => Path + LinkIds.Encode(notificationId);

    [WolverineGet("/meldingen/open/{code}"), Microsoft.AspNetCore.Routing.ExcludeFromDescription]
    [Authorize(Policy = NotificationCentre.Policy)]
    public static async Task<IResult> Get(string code, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var me = CareUser.From(http.User)?.UserId;
        var notification = LinkIds.Decode(code) is { } id ? await session.LoadAsync<Notification>(id, ct).ConfigureAwait(false) : null;
        return notification is not null && notification.RecipientId == me
            ? Results.Redirect(notification.Link)
            : Results.Redirect("/meldingen");
    }
}

/// <summary>Where she chooses.</summary>
public static class PreferencesPage
{
    public const string Path = "/meldingen/voorkeuren";
}
