using Marten;
using Schakel.Referral.FallsPrevention;
using Schakel.SocialMap.Contracts;

namespace Schakel.Referral.Inbound;

/// <summary>
/// Keeps the referral targets current. Idempotent: the same message twice stores the same
/// document, and an older listing never overwrites a newer one.
/// </summary>
public static class TherapistLocationListedHandler
{
    public static async Task Handle(TherapistLocationListedIntegrationEvent message, IDocumentSession session, CancellationToken ct)
    {
        var existing = await session.LoadAsync<FallsPreventionProvider>(message.LocationId, ct).ConfigureAwait(false);
        if (existing is not null && existing.ListedAt >= message.ListedAt)
        {
            return;
        }

        session.Store(new FallsPreventionProvider(
            message.LocationId,
            message.PracticeName,
            message.Postcode,
            message.City,
            message.Municipality,
            message.Disciplines,
            message.Offers,
            message.ListedAt,
            message.Email));
    }
}
