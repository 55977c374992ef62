using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Account;

[AllowAnonymous]
public sealed class LoginRecoveryModel(SignInFlow flow, IStringLocalizer<AccountText> text) : SecondFactorPage(flow, text)
{
    protected override string RefusedText => "Recovery_Refused";

    protected override Task<CodeStep> VerifyAsync(SignInFlow flow, CareAccount account, string? code) => flow.VerifyRecoveryCodeAsync(account, code);
}
