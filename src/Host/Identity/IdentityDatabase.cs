using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Host.Identity;

/// <summary>
/// Applies the identity schema's migrations before the host serves (EF takes a lock, so hosts
/// may start together) and makes sure every Schakel role exists.
/// </summary>
public sealed class IdentityDatabase(IDbContextFactory<IdentityStore> stores, IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var store = await stores.CreateDbContextAsync(cancellationToken))
        {
            await store.Database.MigrateAsync(cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in SchakelRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }

        // Each module scope grants access to that module's API, the token's audience.
        var scopeManager = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictScopeManager>();
        foreach (var name in SchakelScopes.All)
        {
            if (await scopeManager.FindByNameAsync(name, cancellationToken) is null)
            {
                await scopeManager.CreateAsync(new OpenIddict.Abstractions.OpenIddictScopeDescriptor
                {
                    Name = name,
                    Resources = { Audience(name) },
                }, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string Audience(string scope) => $"schakel.{scope}";
}
