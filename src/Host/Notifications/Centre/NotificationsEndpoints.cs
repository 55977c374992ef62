using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.Host.Notifications.Centre;

/// <summary>A notification as the signed-in person reads it.</summary>
public sealed record NotificationView(Guid Id, string Kind, string Title, string Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationView Of(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt, n.ReadAt);
    }
}

/// <summary>New notifications (oldest first) and how many of hers are unread now.</summary>
public sealed record NotificationFeed(IReadOnlyList<NotificationView> Notifications, int Unread);

public sealed record UnreadCount(int Unread);

/// <summary>
/// The portal's notification API, for the signed-in person's own notifications only (another's
/// answers 404). Portal cookie only (<see cref="NotificationCentre.Policy"/>); not in the API
/// description, since no integration may call it.
/// </summary>
public static class NotificationsEndpoints
{
    [WolverineGet("/api/notifications"), Microsoft.AspNetCore.Routing.ExcludeFromDescription]
    [Authorize(Policy = NotificationCentre.Policy)]
    public static async Task<NotificationFeed> Get(Guid? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var me = Me(http);
        var since = await NotificationInbox.SinceAsync(session, me, after, ct).ConfigureAwait(false);
        return new NotificationFeed(since.Select(NotificationView.Of).ToList(), await NotificationInbox.UnreadAsync(session, me, ct).ConfigureAwait(false));
    }

    [WolverineGet("/api/notifications/unread-count"), Microsoft.AspNetCore.Routing.ExcludeFromDescription]
    [Authorize(Policy = NotificationCentre.Policy)]
    public static async Task<UnreadCount> GetUnread(HttpContext http, IQuerySession session, CancellationToken ct) =>
        new(await NotificationInbox.UnreadAsync(session, Me(http), ct).ConfigureAwait(false));

    [WolverinePost("/api/notifications/{id:guid}/read"), Microsoft.AspNetCore.Routing.ExcludeFromDescription]
    [Authorize(Policy = NotificationCentre.Policy)]
    public static async Task<Results<NoContent, ProblemHttpResult>> PostRead(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        await NotificationInbox.MarkReadAsync(session, Me(http), id, clock.GetUtcNow(), ct).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : TypedResults.Problem(Problem.NotFound("Deze melding bestaat niet of is niet voor u."));

    [WolverinePost("/api/notifications/read-all"), Microsoft.AspNetCore.Routing.ExcludeFromDescription]
    [Authorize(Policy = NotificationCentre.Policy)]
    public static async Task<NoContent> PostReadAll(HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await NotificationInbox.MarkAllReadAsync(session, Me(http), clock.GetUtcNow(), ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static Guid Me(HttpContext http) =>
        CareUser.From(http.User)?.UserId ?? throw new InvalidOperationException("The notification policy lets only people through.");
}
