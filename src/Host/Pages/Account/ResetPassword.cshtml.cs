using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Schakel.Host.Identity;

namespace Schakel.Host.Pages.Account;

[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<CareAccount> users) : SetPasswordPage(users)
{
    protected override string TokenProvider => TokenOptions.DefaultProvider;

    protected override string Purpose => UserManager<CareAccount>.ResetPasswordTokenPurpose;
}
