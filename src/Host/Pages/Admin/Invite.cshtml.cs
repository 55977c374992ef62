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

[Authorize(Policy = SchakelPolicies.Administrator)]
public sealed class InviteModel(IdentityStore store, UserManager<CareAccount> users, AccountAdministration administration, IStringLocalizer<AccountText> text) : PageModel
{
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public Guid? OrganisationId { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? AgbCode { get; set; }

    [BindProperty]
    public string? BigNumber { get; set; }

    [BindProperty]
    public SpecialtyPool? Pool { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await Load(ct);
        var organisation = Organisations.SingleOrDefault(o => o.Id == OrganisationId);
        if (string.IsNullOrWhiteSpace(Name))
        {
            ModelState.AddModelError(nameof(Name), text["Admin_Invalid_Name"]);
        }

        if (string.IsNullOrWhiteSpace(Email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(Email))
        {
            ModelState.AddModelError(nameof(Email), users.ErrorDescriber.InvalidEmail(Email).Description);
        }

        if (organisation is null)
        {
            ModelState.AddModelError(nameof(OrganisationId), text["Admin_Invalid_Organisation"]);
        }
        else if (Role is null || !UserModel.RolesFor(organisation.Kind).Contains(Role))
        {
            ModelState.AddModelError(nameof(Role), text["Admin_Invalid_Role"]);
        }

        AccountFields.Check(ModelState, text, AgbCode, BigNumber, organisation?.Kind, Pool);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = CareUser.From(User)!;
        var result = await administration.InviteAsync(
            new Invitation(Email!, Name!, organisation!.Id, Role!, AccountFields.Blank(AgbCode), AccountFields.Blank(BigNumber), null, organisation.Kind == OrganisationKind.Hospital ? Pool : null),
            me.Name,
            new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}/"),
            ct);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Email), error.Description);
            }

            return Page();
        }

        Message = text["Admin_Invite_Sent"];
        return RedirectToPage("/Admin/Users");
    }

    private async Task Load(CancellationToken ct) =>
        Organisations = await store.Organisations.AsNoTracking().Where(o => o.Kind != OrganisationKind.TherapistPractice).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct);
}
