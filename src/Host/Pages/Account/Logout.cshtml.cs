using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.Host.Identity;

namespace Schakel.Host.Pages.Account;

/// <summary>Ends the server-side session (not only the cookie) and returns to the start page.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInFlow flow) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await flow.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
