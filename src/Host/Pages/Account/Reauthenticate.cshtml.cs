using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Account;

public sealed class ReauthenticateModel(SignInFlow flow, UserManager<CareAccount> users, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await users.FindByIdAsync(CareUser.From(User)!.UserId.ToString());
        if (account is null || !await flow.ReauthenticateAsync(account, Password, Code))
        {
            ModelState.AddModelError("", text["Reauth_Refused"]);
            return Page();
        }

        return LocalRedirect(LoginModel.SafeReturn(ReturnUrl));
    }
}
