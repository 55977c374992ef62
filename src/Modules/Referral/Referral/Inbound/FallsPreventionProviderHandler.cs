using Marten;
using Schakel.Referral.FallsPrevention;
using Schakel.SocialMap.Contracts;

namespace Schakel.Referral.Inbound;

/// <summary>
/// Keeps the referral targets current from the social map's published entries. Idempotent and
/// order-proof: each message carries the whole public state with its time, and an older one never
/// overwrites a newer one. A retired location stays as a tombstone: no new referrals, but the
/// therapist can still finish the ones under way.
/// </summary>
public static class FallsPreventionProviderHandler
{
    public static async Task Handle(TherapistLocationListedIntegrationEvent message, IDocumentSession session, CancellationToken ct)
    {
        var existing = await session.LoadAsync<FallsPreventionProvider>(message.LocationId, ct).ConfigureAwait(false);
        if (IsOlderThan(existing, message.ListedAt))
        {
            session.Store(new FallsPreventionProvider(
                message.LocationId, message.PracticeName, message.Postcode, message.City, message.Municipality, message.Disciplines, message.Offers,
                message.ListedAt, message.Email));
        }
    }

    public static async Task Handle(TherapistLocationRevisedIntegrationEvent message, IDocumentSession session, CancellationToken ct)
    {
        var existing = await session.LoadAsync<FallsPreventionProvider>(message.LocationId, ct).ConfigureAwait(false);
        if (IsOlderThan(existing, message.RevisedAt))
        {
            session.Store(new FallsPreventionProvider(
                message.LocationId, message.PracticeName, message.Postcode, message.City, message.Municipality, message.Disciplines, message.Offers,
                existing?.ListedAt ?? message.RevisedAt, message.Email, ChangedAt: message.RevisedAt));
        }
    }

    public static async Task Handle(TherapistLocationRetiredIntegrationEvent message, IDocumentSession session, CancellationToken ct)
    {
        var existing = await session.LoadAsync<FallsPreventionProvider>(message.LocationId, ct).ConfigureAwait(false);
        if (existing is { RetiredAt: null })
        {
            session.Store(existing with { RetiredAt = message.RetiredAt, ChangedAt = message.RetiredAt });
        }
        else if (existing is null)
        {
            // Retired before its listing reached us: a tombstone, so the late listing cannot bring it back.
            session.Store(new FallsPreventionProvider(message.LocationId, "", "", "", "", [], [], message.RetiredAt, null, message.RetiredAt, message.RetiredAt));
        }
    }

    private static bool IsOlderThan(FallsPreventionProvider? existing, DateTimeOffset at) =>
        existing is null || (existing.RetiredAt is null && existing.AsOf < at);
}
