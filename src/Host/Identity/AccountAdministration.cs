using Microsoft.AspNetCore.Identity;

namespace Schakel.Host.Identity;

/// <summary>What an administrator does to accounts: deactivate (everything ends at once) and reactivate.</summary>
public sealed class AccountAdministration(UserManager<CareAccount> users, SessionTerminator sessions)
{
    /// <summary>Deactivates the account: no new sign-in, and every session and token of it stops working now.</summary>
    public async Task<bool> DeactivateAsync(Guid accountId, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null)
        {
            return false;
        }

        account.IsActive = false;
        await users.UpdateAsync(account);
        await users.UpdateSecurityStampAsync(account);
        await sessions.EndAllAsync(accountId, ct);
        return true;
    }

    public async Task<bool> ReactivateAsync(Guid accountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null)
        {
            return false;
        }

        account.IsActive = true;
        await users.UpdateAsync(account);
        return true;
    }
}
