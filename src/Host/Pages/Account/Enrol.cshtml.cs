using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Account;

/// <summary>
/// Two-factor enrolment, reached after the password when the account has no authenticator yet
/// (first sign-in) or from My account after re-authentication (a new phone).
/// </summary>
[AllowAnonymous]
public sealed class EnrolModel(SignInFlow flow, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? ReturnUrl { get; set; }

    public EnrolmentView? Enrolment { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await flow.PendingAccountAsync(enrolment: true);
        if (account is null)
        {
            return RedirectToPage("/Account/Login");
        }

        await Show(account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await flow.PendingAccountAsync(enrolment: true);
        if (account is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var codes = await flow.ConfirmEnrolmentAsync(account, Code);
        if (codes is null)
        {
            ModelState.AddModelError("", text["Enrol_Refused"]);
            await Show(account);
            return Page();
        }

        await flow.CompleteAfterEnrolmentAsync(account);
        RecoveryCodes = codes;
        ReturnUrl = LoginModel.SafeReturn(ReturnUrl);
        return Page();
    }

    private async Task Show(CareAccount account) => Enrolment = EnrolmentView.For(await flow.BeginEnrolmentAsync(account), account);
}
