using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;

namespace Schakel.Host.Pages.Admin;

[Authorize(Policy = SchakelPolicies.Administrator)]
public sealed class UsersModel(IdentityStore store) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Email, string Organisation, string Roles, bool IsActive, bool TwoFactor);

    public IReadOnlyList<Row> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var roles = await (from link in store.UserRoles
                           join role in store.Roles on link.RoleId equals role.Id
                           select new { link.UserId, role.Name }).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name);
        Users = (await store.Users.AsNoTracking().Include(u => u.Organisation)
                .OrderBy(u => u.Organisation!.Name).ThenBy(u => u.DisplayName).ToListAsync(ct))
            .Select(u => new Row(u.Id, u.DisplayName, u.Email ?? "", u.Organisation?.Name ?? "", string.Join(", ", byUser[u.Id]), u.IsActive, u.TwoFactorEnabled))
            .ToList();
    }
}
