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
    public static Task Handle(QuestionChangedIntegrationEvent message, IHubContext<LiveHub> hub, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(hub);
        return hub.Clients
            .Groups(LiveGroups.Practice(message.PracticeId), LiveGroups.Pool(message.HospitalId, PoolOf(message.Specialty)))
            .SendAsync(LiveHub.QuestionChanged, new QuestionChangedPoke(message.QuestionId, message.Change), ct);
    }

    public static SpecialtyPool PoolOf(Specialty specialty) => specialty switch
    {
        Specialty.Rheumatology => SpecialtyPool.Rheumatology,
        Specialty.InternalMedicine => SpecialtyPool.InternalMedicine,
        _ => throw new ArgumentOutOfRangeException(nameof(specialty), specialty, "A specialty without a pool."),
    };
}
