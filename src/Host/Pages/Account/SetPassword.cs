using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.Host.Identity;

namespace Schakel.Host.Pages.Account;

/// <summary>
/// Choosing a password from a single-use link (reset or invitation). The token is bound to the
/// account's security stamp, which changes when the password is set, so a link works once.
/// </summary>
public abstract class SetPasswordPage(UserManager<CareAccount> users) : PageModel
{
    /// <summary>The account, as the link carries it (<see cref="AccountLinks"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "gebruiker")]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public bool Done { get; private set; }

    protected abstract string TokenProvider { get; }

    protected abstract string Purpose { get; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = Schakel.BuildingBlocks.Portal.LinkIds.Decode(Account) is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (account is not { IsActive: true } || string.IsNullOrEmpty(Token))
        {
            ModelState.AddModelError("", users.ErrorDescriber.InvalidToken().Description);
            return Page();
        }

        if (!await users.VerifyUserTokenAsync(account, TokenProvider, Purpose, Token))
        {
            ModelState.AddModelError("", users.ErrorDescriber.InvalidToken().Description);
            return Page();
        }

        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, NewPassword);
            errors.AddRange(result.Errors);
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors.DistinctBy(e => e.Description))
            {
                ModelState.AddModelError(nameof(NewPassword), error.Description);
            }

            return Page();
        }

        if (await users.HasPasswordAsync(account))
        {
            await users.RemovePasswordAsync(account);
        }

        var added = await users.AddPasswordAsync(account, NewPassword!);
        if (!added.Succeeded)
        {
            ModelState.AddModelError(nameof(NewPassword), added.Errors.First().Description);
            return Page();
        }

        // A new security stamp makes this link (and any other outstanding one) unusable.
        await users.UpdateSecurityStampAsync(account);
        await users.ResetAccessFailedCountAsync(account);
        await users.SetLockoutEndDateAsync(account, null);
        Done = true;
        return Page();
    }
}
