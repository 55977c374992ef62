using Schakel.SocialMap.Contracts;
using Wolverine;

namespace Schakel.SocialMap.Directory;

/// <summary>
/// What the social map tells other modules when an entry changes: the one mapping from its own
/// events to its published contracts (no therapist names, only what a referral needs).
/// </summary>
public static class DirectoryContracts
{
    public static object? For(object change, TherapistLocation after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var details = after.Details;
        return change switch
        {
            TherapistLocationListed listed => new TherapistLocationListedIntegrationEvent(
                after.Id, details.PracticeName, details.Address.Postcode, details.Address.City, after.Place.Municipality,
                details.Disciplines, details.Offers, listed.ListedAt, details.Email, after.LastVerifiedAt),
            TherapistLocationRevised revised => new TherapistLocationRevisedIntegrationEvent(
                after.Id, details.PracticeName, details.Address.Postcode, details.Address.City, after.Place.Municipality,
                details.Disciplines, details.Offers, details.Email, revised.RevisedAt, after.LastVerifiedAt),
            TherapistLocationVerified verified => new TherapistLocationVerifiedIntegrationEvent(after.Id, verified.VerifiedAt),
            TherapistLocationRetired retired => new TherapistLocationRetiredIntegrationEvent(after.Id, retired.RetiredAt),
            _ => null,
        };
    }

    public static async ValueTask PublishAsync(IMessageBus bus, object change, TherapistLocation after)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (For(change, after) is { } message)
        {
            await bus.PublishAsync(message).ConfigureAwait(false);
        }
    }
}
