using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Wolverine;

namespace Schakel.Host.Notifications.Centre;

/// <summary>
/// The notification centre (docs/adr/0018): notifications stored from the modules' integration
/// events, pushed as pokes to their recipient, and read through a portal-only API and /meldingen.
/// </summary>
public static class NotificationCentre
{
    /// <summary>A person on the portal with her own notifications: no integration client, no bearer token.</summary>
    public const string Policy = "schakel.notifications";

    public static WebApplicationBuilder AddNotificationCentre(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<Notification>()
                .UniqueIndex(n => n.Key)
                .Index(n => n.RecipientId);
            opts.Schema.For<Preferences.NotificationPreferences>();
            opts.Schema.For<Preferences.DigestSent>();
        });
        services.AddSingleton<Preferences.EmailNotifications>();
        services.AddHostedService<Preferences.DigestSchedule>();

        services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeType(typeof(NotifyOfQuestionChangesHandler));
            opts.Discovery.IncludeType(typeof(NotifyOfReferralChangesHandler));
            opts.Discovery.IncludeType(typeof(PushNotificationHandler));
            opts.Discovery.IncludeType(typeof(NotificationsEndpoints));
            opts.Discovery.IncludeType(typeof(Preferences.OpenNotificationEndpoint));
            opts.Discovery.IncludeType(typeof(Preferences.DailyDigestHandler));
            // Digest rounds are durable and one at a time per node; see DigestSchedule.
            opts.PublishMessage<Preferences.SendDigests>().ToLocalQueue(Preferences.SendDigests.Queue);
            opts.PublishMessage<Preferences.SendDigest>().ToLocalQueue(Preferences.SendDigests.Queue);
            opts.LocalQueue(Preferences.SendDigests.Queue).UseDurableInbox().Sequential();
            opts.PublishMessage<PushNotification>().ToLocalQueue(PushNotification.Queue);
            opts.LocalQueue(PushNotification.Queue).UseDurableInbox();
        });

        services.AddAuthorization(o => o.AddPolicy(Policy, p => p
            .RequireAuthenticatedUser()
            .RequireAssertion(c => IsPortalPerson(c.User, c.Resource as HttpContext))));
        return builder;
    }

    /// <summary>
    /// Fully signed in as a person, and not through a bearer token: the centre is the portal's, and
    /// an integration (even with a person's token) has no business reading or clearing her notifications.
    /// </summary>
    public static bool IsPortalPerson(System.Security.Claims.ClaimsPrincipal user, HttpContext? http) =>
        CareClaims.IsFullySignedIn(user)
        && !user.HasClaim(c => c.Type == SchakelClaims.ClientId)
        && user.Identity?.AuthenticationType != SchakelAuth.Bearer
        && !(http?.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ?? false)
        && CareUser.From(user) is not null;
}

/// <summary>One person's notifications: what the API and the page read and change. Changes are saved by the caller's transaction.</summary>
public static class NotificationInbox
{
    /// <summary>At most this many per answer; a page that gets a full answer asks again after the last.</summary>
    public const int Cap = 50;

    /// <summary>
    /// After <paramref name="after"/>, the first <see cref="Cap"/>, oldest first; without it, the newest
    /// <see cref="Cap"/>, oldest first (a page that saw nothing yet).
    /// </summary>
    public static async Task<IReadOnlyList<Notification>> SinceAsync(IQuerySession session, Guid recipient, Guid? after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var mine = session.Query<Notification>().Where(n => n.RecipientId == recipient);
        if (after is { } last)
        {
            return await mine.Where(n => n.Id > last).OrderBy(n => n.Id).Take(Cap).ToListAsync(ct).ConfigureAwait(false);
        }

        var newest = await mine.OrderByDescending(n => n.Id).Take(Cap).ToListAsync(ct).ConfigureAwait(false);
        return newest.Reverse().ToList();
    }

    /// <summary>Newest first, for the list page.</summary>
    public static async Task<IReadOnlyList<Notification>> LatestAsync(IQuerySession session, Guid recipient, int count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.Query<Notification>().Where(n => n.RecipientId == recipient)
            .OrderByDescending(n => n.Id).Take(count).ToListAsync(ct).ConfigureAwait(false);
    }

    public static Task<int> UnreadAsync(IQuerySession session, Guid recipient, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query<Notification>().CountAsync(n => n.RecipientId == recipient && n.ReadAt == null, ct);
    }

    /// <summary>Marks her own notification read (once: the first moment stays); false when it is not hers or does not exist.</summary>
    public static async Task<bool> MarkReadAsync(IDocumentSession session, Guid recipient, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var notification = await session.LoadAsync<Notification>(id, ct).ConfigureAwait(false);
        if (notification is null || notification.RecipientId != recipient)
        {
            return false;
        }

        if (notification.ReadAt is null)
        {
            session.Store(notification with { ReadAt = now });
        }

        return true;
    }

    public static async Task MarkAllReadAsync(IDocumentSession session, Guid recipient, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var unread = await session.Query<Notification>().Where(n => n.RecipientId == recipient && n.ReadAt == null).ToListAsync(ct).ConfigureAwait(false);
        foreach (var notification in unread)
        {
            session.Store(notification with { ReadAt = now });
        }
    }
}
