using Microsoft.AspNetCore.SignalR;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Contracts;

namespace Schakel.Host.Live;

/// <summary>
/// Pokes the asking practice and the answering pool when a question changed: its id and the kind
/// of change, nothing more. Their open pages then fetch what their user may see. A poke that finds
/// nobody listening is gone; a page that was away catches up when it reconnects.
/// </summary>
public static class PushQuestionChangesHandler
{
    public static Task Handle(QuestionChangedIntegrationEvent message, LivePokes pokes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(pokes);
        return pokes.SendAsync(
            [LiveGroups.Practice(message.PracticeId), LiveGroups.Pool(message.HospitalId, PoolOf(message.Specialty))],
            LiveHub.QuestionChanged,
            new QuestionChangedPoke(message.QuestionId, message.Change),
            ct);
    }

    public static SpecialtyPool PoolOf(Specialty specialty) => specialty switch
    {
        Specialty.Rheumatology => SpecialtyPool.Rheumatology,
        Specialty.InternalMedicine => SpecialtyPool.InternalMedicine,
        _ => throw new ArgumentOutOfRangeException(nameof(specialty), specialty, "A specialty without a pool."),
    };
}

/// <summary>
/// The one way the host sends to the live channel's groups (question pokes now, the notification
/// centre later). Resolved from the container as the one singleton, so that every sender reaches
/// the hub's own connections, also from Wolverine's generated handler code.
/// </summary>
public sealed class LivePokes(IHubContext<LiveHub> hub)
{
    public Task SendAsync(IReadOnlyList<string> groups, string method, object poke, CancellationToken ct) =>
        hub.Clients.Groups(groups).SendAsync(method, poke, ct);
}
