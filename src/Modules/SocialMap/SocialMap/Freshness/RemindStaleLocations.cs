using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Portal;
using Schakel.SocialMap.Directory;
using Wolverine;
using Wolverine.Http;

namespace Schakel.SocialMap.Freshness;

/// <summary>
/// Remind the providers of stale entries: one round, in batches. Who is due is decided by the
/// handler on each location's stream, so the message may come any number of times.
/// </summary>
public sealed record RemindStaleLocations
{
    /// <summary>Stored in the durable queue: a stable name survives renames and deployments.</summary>
    public const string MessageIdentity = "social-map.remind-stale-locations.v1";

    public const string Queue = "social-map-reminders";
}

/// <summary>How many providers a round asked just now, and whether more are due (they follow in the background).</summary>
public sealed record StaleRemindersSent(int Sent, bool More);

/// <summary>How often a stale entry's provider is asked again, and how often the hosts look.</summary>
public sealed class StaleReminderSettings(IConfiguration configuration)
{
    public const string IntervalSetting = "Schakel:SocialMap:StaleReminderInterval";
    public const string CheckEverySetting = "Schakel:SocialMap:StaleReminderCheckInterval";

    /// <summary>A provider who was asked (or sent a link) is not asked again within this time: 14 days unless configured.</summary>
    public TimeSpan Interval => configuration.GetValue<TimeSpan?>(IntervalSetting) ?? TimeSpan.FromDays(14);

    /// <summary>How often each host starts a round: hourly unless configured.</summary>
    public TimeSpan CheckEvery => configuration.GetValue<TimeSpan?>(CheckEverySetting) ?? TimeSpan.FromHours(1);
}

public static class StaleReminders
{
    /// <summary>Locations per transaction: a round over thousands of stale entries commits in small steps.</summary>
    public const int BatchSize = 50;

    /// <summary>
    /// The rule: a location on the map whose entry is stale, that has an e-mail address, and whose
    /// provider was not sent a link (a reminder or the coordinator's) within <paramref name="interval"/>.
    /// Locations without an e-mail address are left alone; they stay on the coordinator's stale list.
    /// </summary>
    public static bool IsDue(TherapistLocation location, DateTimeOffset now, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(location);
        return !location.IsRetired
            && !string.IsNullOrWhiteSpace(location.Details.Email)
            && Freshness.IsStale(location.LastVerifiedAt, now)
            && (location.LastLinkSentAt is not { } asked || asked <= now - interval);
    }

    /// <summary>The due locations of the next batch, longest unverified first; <c>Full</c> when the batch was full (more may follow).</summary>
    public static async Task<(IReadOnlyList<Guid> Due, bool Full)> NextBatchAsync(IQuerySession session, DateTimeOffset now, TimeSpan interval, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var maybeStale = Freshness.MayBeStaleBefore(now);
        var askedBefore = now - interval;
        var batch = await session.Query<TherapistLocation>()
            .Where(l => l.RetiredAt == null && l.Details.Email != null && l.LastVerifiedAt <= maybeStale
                && (l.LastLinkSentAt == null || l.LastLinkSentAt <= askedBefore))
            .OrderBy(l => l.LastVerifiedAt).ThenBy(l => l.Id)
            .Take(BatchSize)
            .ToListAsync(ct).ConfigureAwait(false);
        return (batch.Where(l => IsDue(l, now, interval)).Select(l => l.Id).ToList(), batch.Count == BatchSize);
    }

    /// <summary>
    /// Sends the next batch its links in the caller's transaction. Each location is decided again
    /// on its stream loaded for writing: a location that another round reminded meanwhile is skipped,
    /// and two rounds that race on one location collide on its stream version (the loser retries).
    /// </summary>
    public static async Task<StaleRemindersSent> SendAsync(
        IDocumentSession session, IMessageBus bus, ProviderLinks links, PortalLinks portal, TimeSpan interval, DateTimeOffset now, CancellationToken ct)
    {
        var (due, full) = await NextBatchAsync(session, now, interval, ct).ConfigureAwait(false);
        var sent = 0;
        foreach (var id in due)
        {
            var (linkSent, _) = await ProviderLinkSending.SendAsync(
                id, ProviderLinkReason.Stale, ProviderLinkSending.SystemAuthor, l => IsDue(l, now, interval), session, bus, links, portal, now, ct).ConfigureAwait(false);
            if (linkSent is not null)
            {
                sent++;
            }
        }

        // A full batch in which nothing could be sent (unusable addresses) stops the round rather than loop.
        var more = full && sent > 0;
        if (more)
        {
            await bus.PublishAsync(new RemindStaleLocations()).ConfigureAwait(false);
        }

        return new StaleRemindersSent(sent, more);
    }
}

/// <summary>A round of reminders from the durable queue: one batch per message, the next batch in a message of its own.</summary>
public static class RemindStaleLocationsHandler
{
    public static Task Handle(
        RemindStaleLocations message, IDocumentSession session, IMessageBus bus, ProviderLinks links, PortalLinks portal, StaleReminderSettings settings,
        TimeProvider clock, CancellationToken ct) =>
        StaleReminders.SendAsync(session, bus, links, portal, settings.Interval, clock.GetUtcNow(), ct);
}

/// <summary>The coordinator reminds the providers of all stale entries at once, rather than waiting for the hourly round.</summary>
public static class RemindStaleLocationsEndpoint
{
    [WolverinePost("/api/socialmap/stale/remind"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("E-mail the providers of stale entries a link to confirm them (those with an e-mail address not asked in the last 14 days); answers how many were sent")]
    public static Task<StaleRemindersSent> Post(
        IDocumentSession session, IMessageBus bus, ProviderLinks links, PortalLinks portal, StaleReminderSettings settings, TimeProvider clock, CancellationToken ct) =>
        StaleReminders.SendAsync(session, bus, links, portal, settings.Interval, clock.GetUtcNow(), ct);
}

/// <summary>
/// Starts a round of stale reminders every <see cref="StaleReminderSettings.CheckEvery"/> (hourly;
/// the first one interval after start). Schakel has no recurring scheduler: Wolverine's scheduled
/// messages fire once, and a round that schedules the next would multiply with every node and
/// every restart. So each node ticks, and a tick only publishes <see cref="RemindStaleLocations"/>
/// to Wolverine's durable local queue (stored before it runs, recovered after a crash). Exactly
/// once comes from the handler, not from the timer: a location is reminded only while it is due
/// (<see cref="StaleReminders.IsDue"/>), decided on its stream loaded for writing, and a reminder
/// makes it not due for the interval; rounds from several nodes that race on a location collide
/// on its stream version, and the loser retries, reloads and skips it. An extra tick costs one
/// query. Tests move the clock and send the message (or call the coordinator's endpoint).
/// </summary>
internal sealed partial class StaleReminderSchedule(
    IServiceScopeFactory scopes, StaleReminderSettings settings, TimeProvider clock, ILogger<StaleReminderSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.CheckEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new RemindStaleLocations()).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; a reminder an hour late harms no one.
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "Starting a round of stale social-map reminders failed; the next tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
