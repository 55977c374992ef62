using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Account;

[AllowAnonymous]
public sealed class LoginCodeModel(SignInFlow flow, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await flow.PendingAccountAsync(enrolment: false) is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await flow.PendingAccountAsync(enrolment: false);
        if (account is null)
        {
            return RedirectToPage("/Account/Login");
        }

        switch (await flow.VerifyCodeAsync(account, Code))
        {
            case CodeStep.SignedIn:
                return LocalRedirect(LoginModel.SafeReturn(ReturnUrl));
            case CodeStep.LockedOut:
                await flow.SignOutAsync();
                ModelState.AddModelError("", text["Login_LockedOut"]);
                return Page();
            default:
                ModelState.AddModelError("", text["Code_Refused"]);
                return Page();
        }
    }
}
