using Schakel.Referral.Contracts;

namespace Schakel.Host.Live;

/// <summary>
/// Pokes the referring practice and the receiving hospital when a referral changed: its id and the
/// kind of change, nothing more. Their open pages then fetch what their user may see.
/// </summary>
public static class PushReferralChangesHandler
{
    public static Task Handle(ReferralChangedIntegrationEvent message, LivePokes pokes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(pokes);
        return pokes.SendAsync(
            [LiveGroups.Practice(message.PracticeId), LiveGroups.Hospital(message.HospitalId)],
            LiveHub.ReferralChanged,
            new ReferralChangedPoke(message.ReferralId, message.Change),
            ct);
    }
}
