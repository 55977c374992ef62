using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Schakel.Host.Identity;

namespace Schakel.Host.Pages.Account;

/// <summary>Sends a single-use reset link when the address belongs to an active account; says the same either way.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<CareAccount> users, IAccountMail mail, IOptions<Identity.IdentityOptions> options) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var account = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (account is { IsActive: true })
        {
            var token = await users.GeneratePasswordResetTokenAsync(account);
            var link = AccountLinks.For(new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}/"), "/wachtwoord-herstellen", account.Id, token);
            await mail.SendPasswordResetAsync(account, link, options.Value.PasswordResetLinkLifetime, ct);
        }

        Sent = true;
        return Page();
    }
}
