using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInFlow flow, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty, Required, EmailAddress, StringLength(256)]
    public string Email { get; set; } = "";

    [BindProperty, Required, StringLength(PasswordRules.MaximumLength)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "terug")]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError("", text["Login_Refused"]);
            return Page();
        }

        switch (await flow.CheckPasswordAsync(Email, Password))
        {
            case PasswordStep.NeedsCode:
                return RedirectToPage("/Account/LoginCode", new { terug = SafeReturn(ReturnUrl) });
            case PasswordStep.NeedsEnrolment:
                return RedirectToPage("/Account/Enrol", new { terug = SafeReturn(ReturnUrl) });
            case PasswordStep.LockedOut:
                ModelState.AddModelError("", text["Login_LockedOut"]);
                return Page();
            default:
                ModelState.AddModelError("", text["Login_Refused"]);
                return Page();
        }
    }

    internal static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
