using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Schakel.Host.Identity;

/// <summary>A new user as the administrator enters them.</summary>
public sealed record Invitation(string Email, string Name, Guid OrganisationId, string Role, string? AgbCode, string? BigNumber, Guid? ActsOnBehalfOfId, Schakel.BuildingBlocks.Access.SpecialtyPool? Pool);

/// <summary>What an administrator does to accounts: invite, deactivate (everything ends at once), reactivate.</summary>
public sealed class AccountAdministration(
    UserManager<CareAccount> users,
    SessionTerminator sessions,
    IdentityStore store,
    IAccountMail mail,
    TimeProvider clock,
    IOptions<IdentityOptions> options)
{
    public const string InvitationPurpose = "SchakelInvitation";

    /// <summary>Creates the account without a password and mails a single-use link to choose one.</summary>
    public async Task<IdentityResult> InviteAsync(Invitation invitation, string invitedBy, Uri baseUri, CancellationToken ct)
    {
        var organisation = await store.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == invitation.OrganisationId, ct);
        if (organisation is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "Organisation", Description = "Kies een organisatie." });
        }

        var account = new CareAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = invitation.Email.Trim(),
            Email = invitation.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = invitation.Name.Trim(),
            OrganisationId = organisation.Id,
            AgbCode = invitation.AgbCode,
            BigNumber = invitation.BigNumber,
            ActsOnBehalfOfId = invitation.ActsOnBehalfOfId,
            Pool = invitation.Pool,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
        {
            return created;
        }

        await users.AddToRoleAsync(account, invitation.Role);
        var token = await users.GenerateUserTokenAsync(account, IdentitySetup.InvitationTokenProvider, InvitationPurpose);
        var link = AccountLinks.For(baseUri, "/uitnodiging", account.Id, token);
        await mail.SendInvitationAsync(account, organisation.Name, invitedBy, link, options.Value.InvitationLinkLifetime, ct);
        return IdentityResult.Success;
    }

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
