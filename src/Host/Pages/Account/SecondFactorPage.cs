using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Account;

/// <summary>The second sign-in step, with an authenticator code or a recovery code: the same flow, another check.</summary>
public abstract class SecondFactorPage(SignInFlow flow, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? ReturnUrl { get; set; }

    /// <summary>The resource key of the message for a refused code.</summary>
    protected abstract string RefusedText { get; }

    protected abstract Task<CodeStep> VerifyAsync(SignInFlow flow, CareAccount account, string? code);

    public async Task<IActionResult> OnGetAsync() =>
        await flow.PendingAccountAsync(enrolment: false) is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await flow.PendingAccountAsync(enrolment: false);
        if (account is null)
        {
            return RedirectToPage("/Account/Login");
        }

        switch (await VerifyAsync(flow, account, Code))
        {
            case CodeStep.SignedIn:
                return LocalRedirect(LoginModel.SafeReturn(ReturnUrl));
            case CodeStep.LockedOut:
                await flow.SignOutAsync();
                ModelState.AddModelError("", text["Login_LockedOut"]);
                return Page();
            default:
                ModelState.AddModelError("", text[RefusedText]);
                return Page();
        }
    }
}
