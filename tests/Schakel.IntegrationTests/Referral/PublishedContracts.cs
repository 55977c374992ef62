using Wolverine;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Referral;

/// <summary>What the Referral module published while a step ran: its contract messages, whether or not a module handles them yet.</summary>
public static class PublishedContracts
{
    /// <summary>Runs the step in a tracked session and waits until every message it caused is handled.</summary>
    public static async Task<(T Result, ITrackedSession Tracked)> TrackAsync<T>(this IntegrationApp app, Func<Task<T>> step)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(step);
        T result = default!;
        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ => result = await step()));
        return (result, tracked);
    }

    /// <summary>
    /// The messages of this type the step published: sent to the modules that handle it, or (before any
    /// module handles it) published to no route. Once each, however many handlers receive it.
    /// </summary>
    public static IReadOnlyList<TMessage> Published<TMessage>(this ITrackedSession tracked)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        return tracked.Sent.MessagesOf<TMessage>().Concat(tracked.NoRoutes.MessagesOf<TMessage>()).Distinct().ToList();
    }
}
