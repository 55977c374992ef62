using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Account;

/// <summary>My account: who I am, my sessions (end one), and the changes that need re-authentication.</summary>
public sealed class AccountModel(
    IdentityStore store,
    UserManager<CareAccount> users,
    SignInFlow flow,
    SessionTerminator sessions,
    IOptions<Identity.IdentityOptions> options,
    IStringLocalizer<AccountText> text) : PageModel
{
    public CareUser Me { get; private set; } = null!;

    public IReadOnlyList<CareSession> Sessions { get; private set; } = [];

    public Guid CurrentSession { get; private set; }

    public bool Reauthenticated { get; private set; }

    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    [BindProperty]
    public string? NewEmail { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => await Load();

    public async Task<IActionResult> OnPostEndSessionAsync(Guid session, CancellationToken ct)
    {
        var me = CareUser.From(User)!;
        await sessions.EndAsync(me.UserId, session, ct);
        Message = text["Sessions_Ended"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostChangeEmailAsync()
    {
        if (!await flow.RecentlyReauthenticatedAsync(options.Value.ReauthenticationWindow))
        {
            return RedirectToPage("/Account/Reauthenticate", new { terug = "/account" });
        }

        var account = await users.FindByIdAsync(CareUser.From(User)!.UserId.ToString());
        var email = NewEmail?.Trim();
        if (account is null || string.IsNullOrEmpty(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            ModelState.AddModelError(nameof(NewEmail), users.ErrorDescriber.InvalidEmail(email).Description);
            await Load();
            return Page();
        }

        var result = await users.SetEmailAsync(account, email);
        if (result.Succeeded)
        {
            result = await users.SetUserNameAsync(account, email);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(NewEmail), error.Description);
            }

            await Load();
            return Page();
        }

        Message = text["Security_EmailChanged"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync()
    {
        if (!await flow.RecentlyReauthenticatedAsync(options.Value.ReauthenticationWindow))
        {
            return RedirectToPage("/Account/Reauthenticate", new { terug = "/account" });
        }

        var account = await users.FindByIdAsync(CareUser.From(User)!.UserId.ToString());
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account!, 10))?.ToList() ?? [];
        await Load();
        return Page();
    }

    private async Task Load()
    {
        Me = CareUser.From(User)!;
        CurrentSession = Guid.TryParse(User.FindFirst(SchakelClaims.Session)?.Value, out var id) ? id : Guid.Empty;
        Sessions = await store.Sessions.AsNoTracking().Where(s => s.AccountId == Me.UserId).OrderByDescending(s => s.LastSeenAt).ToListAsync();
        Reauthenticated = await flow.RecentlyReauthenticatedAsync(options.Value.ReauthenticationWindow);
    }
}
