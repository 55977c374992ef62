using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Schakel.Host.Identity;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Account;

[AllowAnonymous]
public sealed class LoginCodeModel(SignInFlow flow, IStringLocalizer<AccountText> text) : SecondFactorPage(flow, text)
{
    protected override string RefusedText => "Code_Refused";

    protected override Task<CodeStep> VerifyAsync(SignInFlow flow, CareAccount account, string? code) => flow.VerifyCodeAsync(account, code);
}
