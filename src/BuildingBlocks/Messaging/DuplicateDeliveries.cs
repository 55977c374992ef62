using Npgsql;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Schakel.BuildingBlocks.Messaging;

/// <summary>
/// Two handlings that race to insert the same key (two deliveries of one event, or two facts that
/// both start one stream): the loser's transaction rolls back on the unique key, and its retry finds
/// what the winner stored.
/// </summary>
public static class DuplicateDeliveries
{
    public static void RetryOnDuplicateKey(HandlerChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.OnException(IsUniqueViolation)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
    }

    private static bool IsUniqueViolation(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || (e.InnerException is { } inner && IsUniqueViolation(inner));
}
