using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.BuildingBlocks.Portal;
using Schakel.Host.Notifications.Centre;
using Schakel.Host.Notifications.Email;
using Wolverine;

namespace Schakel.Host.Notifications.Preferences;

/// <summary>Look for people whose daily digest is due, and send each one's in a message of its own.</summary>
public sealed record SendDigests
{
    public const string MessageIdentity = "notifications.send-digests.v1";

    public const string Queue = "notification-digests";
}

/// <summary>Send one person's digest if it is due (decided again by the handler, so the message may come any number of times).</summary>
public sealed record SendDigest(Guid UserId)
{
    public const string MessageIdentity = "notifications.send-digest.v1";
}

/// <summary>
/// One person's digest of one Dutch day: its id is unique, so two nodes (or a retry after a crash)
/// that both find her due cannot both send it: the second insert fails and rolls back its e-mail.
/// </summary>
public sealed record DigestSent(string Id, Guid UserId, DateOnly Day, int Items, DateTimeOffset SentAt)
{
    public static string KeyOf(Guid userId, DateOnly day) => $"{userId}/{day:yyyy-MM-dd}";
}

/// <summary>When a digest is due (Europe/Amsterdam, safe across the changes to and from summer time).</summary>
public static class DigestRule
{
    /// <summary>
    /// The moment of <paramref name="day"/>'s digest at <paramref name="at"/> Dutch time. A time that
    /// does not exist that day (02:30 when the clocks go forward) is moved on by the gap; a time that
    /// happens twice (02:30 when they go back) is its first occurrence.
    /// </summary>
    public static DateTimeOffset MomentOf(DateOnly day, TimeOnly at)
    {
        var local = day.ToDateTime(at, DateTimeKind.Unspecified);
        var zone = DutchTime.Zone;
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local, before).ToOffset(zone.GetUtcOffset(local.AddHours(3)));
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The Dutch day whose digest is due at <paramref name="now"/>, or null: today's once its moment has come and no digest of today has been handled.</summary>
    public static DateOnly? DueDay(NotificationPreferences preferences, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        if (!preferences.Choices.ContainsValue(DeliveryChoice.EmailDigest))
        {
            return null;
        }

        var today = DateOnly.FromDateTime(DutchTime.ToDutch(now).DateTime);
        var moment = MomentOf(today, preferences.DigestAt);
        return now >= moment && (preferences.LastDigestAt is not { } last || last < moment) ? today : null;
    }
}

/// <summary>A digest: the titles and links of her unread notifications of her digest kinds since the last one.</summary>
public sealed record DigestEmail(IReadOnlyList<(string Title, Uri Link)> Items, Uri PreferencesLink);

/// <summary>
/// The daily digest (docs/adr/0020). <see cref="SendDigests"/> (from each node's timer, or a test)
/// publishes a <see cref="SendDigest"/> per person whose digest is due; that handler decides again,
/// records <see cref="NotificationPreferences.LastDigestAt"/> and a unique <see cref="DigestSent"/>,
/// and returns the e-mail, all in one transaction with the outbox. Nothing new: no e-mail, but the
/// day counts as done.
/// </summary>
public static class DailyDigestHandler
{
    /// <summary>At most this many titles in one digest; the e-mail says there are more in the portal.</summary>
    public const int Cap = 50;

    public static async Task<OutgoingMessages> Handle(SendDigests message, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var everyone = await session.Query<NotificationPreferences>().ToListAsync(ct).ConfigureAwait(false);
        var due = new OutgoingMessages();
        due.AddRange(everyone.Where(p => DigestRule.DueDay(p, now) is not null).Select(p => new SendDigest(p.Id)));
        return due;
    }

    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) => Schakel.BuildingBlocks.Messaging.DuplicateDeliveries.RetryOnDuplicateKey(chain);

    public static async Task<OutgoingMessages> Handle(
        SendDigest message, IDocumentSession session, ICareDirectory directory, EmailTemplates templates, PortalLinks links, TimeProvider clock, CancellationToken ct)
    {
        var mail = new OutgoingMessages();
        var now = clock.GetUtcNow();
        var preferences = await session.LoadAsync<NotificationPreferences>(message.UserId, ct).ConfigureAwait(false);
        if (preferences is null || DigestRule.DueDay(preferences, now) is not { } day
            || await session.LoadAsync<DigestSent>(DigestSent.KeyOf(preferences.Id, day), ct).ConfigureAwait(false) is not null)
        {
            return mail;
        }

        var kinds = preferences.Choices.Where(c => c.Value == DeliveryChoice.EmailDigest).Select(c => c.Key).ToArray();
        var since = preferences.LastDigestAt ?? now.AddDays(-1);
        var items = await session.Query<Notification>()
            .Where(n => n.RecipientId == preferences.Id && n.ReadAt == null && kinds.Contains(n.Kind) && n.CreatedAt > since && n.CreatedAt <= now)
            .OrderBy(n => n.Id).Take(Cap).ToListAsync(ct).ConfigureAwait(false);

        session.Insert(new DigestSent(DigestSent.KeyOf(preferences.Id, day), preferences.Id, day, items.Count, now));
        session.Store(preferences with { LastDigestAt = now });
        if (items.Count > 0 && await directory.FindAsync(preferences.Id, ct).ConfigureAwait(false) is { } person)
        {
            mail.Add(new SendEmail(templates.NotificationDigest(person.Email, person.Name, new DigestEmail(
                items.Select(n => (n.Title, links.To(OpenNotificationEndpoint.For(n.Id)))).ToList(), links.To(PreferencesPage.Path)))));
        }

        return mail;
    }
}

/// <summary>
/// Starts a digest round every few minutes (<c>Schakel:Notifications:DigestCheckInterval</c>, 5
/// minutes unless configured) on each node, as the social map's reminder schedule does: a tick only
/// publishes <see cref="SendDigests"/> to the durable local queue; exactly once comes from the
/// handlers (the due rule and the unique <see cref="DigestSent"/>), not from the timer.
/// </summary>
internal sealed partial class DigestSchedule(
    IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<DigestSchedule> logger) : BackgroundService
{
    public const string CheckEverySetting = "Schakel:Notifications:DigestCheckInterval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue<TimeSpan?>(CheckEverySetting) ?? TimeSpan.FromMinutes(5), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new SendDigests()).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "Starting a round of notification digests failed; the next tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
