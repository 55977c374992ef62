using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Schakel.Host.Identity;

namespace Schakel.Host.Pages.Account;

[AllowAnonymous]
public sealed class AcceptInvitationModel(UserManager<CareAccount> users) : SetPasswordPage(users)
{
    protected override string TokenProvider => IdentitySetup.InvitationTokenProvider;

    protected override string Purpose => AccountAdministration.InvitationPurpose;
}
