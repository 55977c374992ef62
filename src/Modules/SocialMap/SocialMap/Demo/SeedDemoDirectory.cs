using FluentValidation;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Wolverine.Marten;

namespace Schakel.SocialMap.Demo;

/// <summary>
/// Puts the demo region's therapist locations on the social map through the same validation
/// and decision a coordinator's request takes, with the integration events in the same outbox.
/// Does nothing when the social map already has entries, so a second start keeps the data.
/// </summary>
public static class SeedDemoDirectory
{
    public static async Task<int> SeedAsync(IServiceProvider services, IReadOnlyList<TherapistLocationEntry> locations, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var validator = services.GetRequiredService<IValidator<TherapistLocationEntry>>();
        var areas = services.GetRequiredService<PostcodeAreas>();
        var clock = services.GetRequiredService<TimeProvider>();

        await using var session = store.LightweightSession();
        if (await session.Query<TherapistLocation>().AnyAsync(ct).ConfigureAwait(false))
        {
            return 0;
        }

        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        outbox.Enroll(session);
        var by = new EntryAuthor(EntrySource.System, null, "Demoregio");
        foreach (var (request, index) in locations.Select((l, i) => (l, i)))
        {
            var result = await validator.ValidateAsync(request, ct).ConfigureAwait(false);
            if (!result.IsValid)
            {
                throw new InvalidDataException(
                    $"Demo therapist location {index + 1} ({request.PracticeName}) is invalid: {result}");
            }

            var listed = ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), request, areas, by, clock.GetUtcNow());
            session.Events.StartStream<TherapistLocation>(listed.LocationId, listed);
            if (DirectoryContracts.For(listed, TherapistLocation.Create(listed)) is { } published)
            {
                await outbox.PublishAsync(published).ConfigureAwait(false);
            }
        }

        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        return locations.Count;
    }
}
