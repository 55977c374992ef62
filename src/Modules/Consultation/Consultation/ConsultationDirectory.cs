using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Consultation;

/// <summary>
/// The host's <see cref="ICareDirectory"/> for Wolverine endpoints and handlers, asked in a scope of
/// its own. The host registers the directory over an EF context made by a factory lambda, which
/// Wolverine's generated code may not service-locate (and in a message handler cannot arrange at
/// all), so endpoints and handlers take this singleton instead. Pages inject the directory directly.
/// </summary>
public sealed class ConsultationDirectory(IServiceScopeFactory scopes) : ICareDirectory
{
    public Task<IReadOnlyList<CareProvider>> SpecialistsOfAsync(Guid hospitalId, SpecialtyPool pool, CancellationToken ct) =>
        AskAsync(d => d.SpecialistsOfAsync(hospitalId, pool, ct));

    public Task<IReadOnlyList<CareProvider>> PeopleWithRoleAsync(Guid organisationId, IReadOnlyCollection<string> roles, CancellationToken ct) =>
        AskAsync(d => d.PeopleWithRoleAsync(organisationId, roles, ct));

    public Task<CareProvider?> FindAsync(Guid userId, CancellationToken ct) => AskAsync(d => d.FindAsync(userId, ct));

    private async Task<T> AskAsync<T>(Func<ICareDirectory, Task<T>> ask)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ask(scope.ServiceProvider.GetRequiredService<ICareDirectory>()).ConfigureAwait(false);
    }
}
