using Microsoft.EntityFrameworkCore;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Host.Identity;

/// <summary>
/// The modules' <see cref="ICareDirectory"/>, read from the identity store (active accounts only).
/// A singleton over the context factory, so message handlers can use it without service location.
/// </summary>
public sealed class IdentityCareDirectory(IDbContextFactory<IdentityStore> stores) : ICareDirectory
{
    public async Task<IReadOnlyList<CareProvider>> SpecialistsOfAsync(Guid hospitalId, SpecialtyPool pool, CancellationToken ct) =>
        (await PeopleWithRoleAsync(hospitalId, SchakelRoles.Specialists, ct).ConfigureAwait(false)).Where(p => p.Pool == pool).ToList();

    public async Task<IReadOnlyList<CareProvider>> PeopleWithRoleAsync(Guid organisationId, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var normalized = roles.Select(r => r.ToUpperInvariant()).ToList();
        await using var store = await stores.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rows = await (
                from account in store.Users.AsNoTracking()
                where account.OrganisationId == organisationId && account.IsActive
                join userRole in store.UserRoles on account.Id equals userRole.UserId
                join role in store.Roles on userRole.RoleId equals role.Id
                where normalized.Contains(role.NormalizedName!)
                select new { account.Id, account.DisplayName, account.Email, account.OrganisationId, account.Pool, role.Name })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows
            .GroupBy(r => r.Id)
            .Select(g => new CareProvider(g.Key, g.First().DisplayName, g.First().Email ?? "", g.Select(r => r.Name!).ToHashSet(), g.First().OrganisationId, g.First().Pool))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    public async Task<IReadOnlyList<CareOrganisation>> OrganisationsAsync(OrganisationKind kind, CancellationToken ct)
    {
        await using var store = await stores.CreateDbContextAsync(ct).ConfigureAwait(false);
        var organisations = await store.Organisations.AsNoTracking().Where(o => o.Kind == kind)
            .Select(o => new CareOrganisation(o.Id, o.Name)).ToListAsync(ct).ConfigureAwait(false);
        return organisations.OrderBy(h => h.Name, StringComparer.CurrentCulture).ToList();
    }

    public async Task<CareProvider?> FindAsync(Guid userId, CancellationToken ct)
    {
        await using var store = await stores.CreateDbContextAsync(ct).ConfigureAwait(false);
        var account = await store.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == userId && a.IsActive, ct).ConfigureAwait(false);
        if (account is null)
        {
            return null;
        }

        var roles = await (
                from userRole in store.UserRoles
                join role in store.Roles on userRole.RoleId equals role.Id
                where userRole.UserId == userId
                select role.Name!)
            .ToListAsync(ct).ConfigureAwait(false);
        return new CareProvider(account.Id, account.DisplayName, account.Email ?? "", roles.ToHashSet(), account.OrganisationId, account.Pool);
    }
}
