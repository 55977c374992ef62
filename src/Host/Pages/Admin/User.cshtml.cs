using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Admin;

/// <summary>One account: roles, professional identifiers, on whose behalf a practice nurse works, activation, sessions.</summary>
[Authorize(Policy = SchakelPolicies.Administrator)]
public sealed class UserModel(
    IdentityStore store,
    UserManager<CareAccount> users,
    AccountAdministration administration,
    SessionTerminator sessions,
    IStringLocalizer<AccountText> text) : PageModel
{
    public CareAccount Account { get; private set; } = null!;

    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];

    public IReadOnlyList<CareAccount> GpsOfPractice { get; private set; } = [];

    public IReadOnlyList<CareSession> Sessions { get; private set; } = [];

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    public string? AgbCode { get; set; }

    [BindProperty]
    public string? BigNumber { get; set; }

    [BindProperty]
    public Guid? ActsOnBehalfOfId { get; set; }

    [BindProperty]
    public SpecialtyPool? Pool { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await Load(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct))
        {
            return NotFound();
        }

        var kind = Account.Organisation!.Kind;
        var allowed = RolesFor(kind);
        var roles = Roles.Where(allowed.Contains).Distinct().ToList();
        if (roles.Count == 0)
        {
            ModelState.AddModelError(nameof(Roles), text["Admin_Invalid_Role"]);
        }

        AccountFields.Check(ModelState, text, AgbCode, BigNumber, kind, Pool);

        var isNurse = roles.Contains(SchakelRoles.PracticeNurse);
        if (isNurse && (ActsOnBehalfOfId is not { } gp || GpsOfPractice.All(g => g.Id != gp)))
        {
            ModelState.AddModelError(nameof(ActsOnBehalfOfId), text["Admin_Invalid_OnBehalfOf"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Account.AgbCode = AccountFields.Blank(AgbCode);
        Account.BigNumber = AccountFields.Blank(BigNumber);
        Account.ActsOnBehalfOfId = isNurse ? ActsOnBehalfOfId : null;
        Account.Pool = kind == OrganisationKind.Hospital ? Pool : null;
        await users.UpdateAsync(Account);
        await users.RemoveFromRolesAsync(Account, CurrentRoles.Except(roles));
        await users.AddToRolesAsync(Account, roles.Except(CurrentRoles));
        // Claims change with roles: existing sessions end so that the user signs in with the new ones.
        await sessions.EndAllAsync(Account.Id, ct);
        Message = text["Admin_Saved"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken ct)
    {
        if (!await administration.DeactivateAsync(id, ct))
        {
            return NotFound();
        }

        Message = text["Admin_Deactivated"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid id)
    {
        if (!await administration.ReactivateAsync(id))
        {
            return NotFound();
        }

        Message = text["Admin_Reactivated"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEndSessionAsync(Guid id, Guid session, CancellationToken ct)
    {
        await sessions.EndAsync(id, session, ct);
        Message = text["Sessions_Ended"];
        return RedirectToPage(new { id });
    }

    /// <summary>The roles that fit an organisation: practice roles in a practice, hospital roles in a hospital.</summary>
    public static IReadOnlyList<string> RolesFor(OrganisationKind kind) => kind switch
    {
        OrganisationKind.GpPractice => SchakelRoles.PrimaryCare,
        OrganisationKind.Hospital => SchakelRoles.Hospital,
        OrganisationKind.Region => [SchakelRoles.Coordinator, SchakelRoles.Administrator],
        _ => [],
    };

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        var account = await store.Users.Include(u => u.Organisation).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (account is null)
        {
            return false;
        }

        Account = account;
        CurrentRoles = (await users.GetRolesAsync(account)).ToList();
        var gps = await users.GetUsersInRoleAsync(SchakelRoles.GeneralPractitioner);
        GpsOfPractice = gps.Where(g => g.OrganisationId == account.OrganisationId && g.IsActive).OrderBy(g => g.DisplayName).ToList();
        Sessions = await store.Sessions.AsNoTracking().Where(s => s.AccountId == id).OrderByDescending(s => s.LastSeenAt).ToListAsync(ct);
        if (HttpMethods.IsGet(Request.Method))
        {
            Roles = CurrentRoles.ToList();
            AgbCode = account.AgbCode;
            BigNumber = account.BigNumber;
            ActsOnBehalfOfId = account.ActsOnBehalfOfId;
            Pool = account.Pool;
        }

        return true;
    }
}
