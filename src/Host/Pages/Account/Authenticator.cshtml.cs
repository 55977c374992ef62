using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Account;

/// <summary>A new authenticator app (a new phone) for a signed-in user, after password and code again.</summary>
public sealed class AuthenticatorModel(
    SignInFlow flow,
    UserManager<CareAccount> users,
    IOptions<Identity.IdentityOptions> options,
    IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public EnrolmentView? Enrolment { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await flow.RecentlyReauthenticatedAsync(options.Value.ReauthenticationWindow))
        {
            return RedirectToPage("/Account/Reauthenticate", new { terug = "/account/authenticator" });
        }

        var account = await Me();
        Enrolment = EnrolmentView.For(await flow.BeginEnrolmentAsync(account), account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await flow.RecentlyReauthenticatedAsync(options.Value.ReauthenticationWindow))
        {
            return RedirectToPage("/Account/Reauthenticate", new { terug = "/account/authenticator" });
        }

        var account = await Me();
        var codes = await flow.ConfirmEnrolmentAsync(account, Code);
        if (codes is null)
        {
            ModelState.AddModelError("", text["Enrol_Refused"]);
            Enrolment = EnrolmentView.For(await flow.BeginEnrolmentAsync(account), account);
            return Page();
        }

        RecoveryCodes = codes;
        return Page();
    }

    private async Task<CareAccount> Me() =>
        await users.FindByIdAsync(CareUser.From(User)!.UserId.ToString()) ?? throw new InvalidOperationException("Signed in without an account.");
}
