using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Host.Identity;

public enum PasswordStep
{
    /// <summary>Password right; the second factor is next.</summary>
    NeedsCode,

    /// <summary>Password right; no authenticator yet, so enrolment is next.</summary>
    NeedsEnrolment,

    Refused,
    LockedOut,
}

public enum CodeStep
{
    SignedIn,
    Refused,
    LockedOut,
}

/// <summary>
/// The portal sign-in: password first (lockout after repeated failures), then a TOTP code or a
/// recovery code; nobody reaches a page behind the fallback policy without both. Between the
/// steps the user holds only the short-lived pending cookie.
/// </summary>
public sealed class SignInFlow(
    UserManager<CareAccount> users,
    IdentityStore store,
    TwoFactor twoFactor,
    TimeProvider clock,
    IHttpContextAccessor http)
{
    private const string Stage = "schakel_stage";
    private const string StageCode = "code";
    private const string StageEnrol = "enrol";

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("Sign-in needs an HTTP request.");

    public async Task<PasswordStep> CheckPasswordAsync(string? email, string? password)
    {
        var account = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (account is null || !account.IsActive)
        {
            // Same answer and about the same work as a wrong password: do not reveal which accounts exist.
            users.PasswordHasher.VerifyHashedPassword(new CareAccount(), DummyHash, password ?? "");
            return PasswordStep.Refused;
        }

        if (await users.IsLockedOutAsync(account))
        {
            return PasswordStep.LockedOut;
        }

        if (!await users.CheckPasswordAsync(account, password ?? ""))
        {
            await users.AccessFailedAsync(account);
            return await users.IsLockedOutAsync(account) ? PasswordStep.LockedOut : PasswordStep.Refused;
        }

        var stage = account.TwoFactorEnabled ? StageCode : StageEnrol;
        var pending = new ClaimsIdentity(SchakelAuth.Pending);
        pending.AddClaim(new Claim(SchakelClaims.Subject, account.Id.ToString()));
        pending.AddClaim(new Claim(Stage, stage));
        await Http.SignInAsync(SchakelAuth.Pending, new ClaimsPrincipal(pending));
        return stage == StageCode ? PasswordStep.NeedsCode : PasswordStep.NeedsEnrolment;
    }

    /// <summary>The account between the two steps, if the pending cookie is at <paramref name="stage"/>.</summary>
    public async Task<CareAccount?> PendingAccountAsync(bool enrolment)
    {
        var result = await Http.AuthenticateAsync(SchakelAuth.Pending);
        var stage = result.Principal?.FindFirst(Stage)?.Value;
        if (!result.Succeeded || stage != (enrolment ? StageEnrol : StageCode)
            || !Guid.TryParse(result.Principal!.FindFirst(SchakelClaims.Subject)?.Value, out var id))
        {
            return null;
        }

        var account = await Load(id);
        return account is { IsActive: true } ? account : null;
    }

    public async Task<CodeStep> VerifyCodeAsync(CareAccount account, string? code)
    {
        if (await users.IsLockedOutAsync(account))
        {
            return CodeStep.LockedOut;
        }

        var secret = account.AuthenticatorKey is { } key ? twoFactor.Unprotect(key) : null;
        if (secret is null || !twoFactor.TryAccept(account, secret, code))
        {
            await users.AccessFailedAsync(account);
            return await users.IsLockedOutAsync(account) ? CodeStep.LockedOut : CodeStep.Refused;
        }

        await users.UpdateAsync(account);
        await CompleteAsync(account);
        return CodeStep.SignedIn;
    }

    public async Task<CodeStep> VerifyRecoveryCodeAsync(CareAccount account, string? code)
    {
        if (await users.IsLockedOutAsync(account))
        {
            return CodeStep.LockedOut;
        }

        var normalised = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (normalised.Length == 0 || !(await users.RedeemTwoFactorRecoveryCodeAsync(account, normalised)).Succeeded)
        {
            await users.AccessFailedAsync(account);
            return await users.IsLockedOutAsync(account) ? CodeStep.LockedOut : CodeStep.Refused;
        }

        await CompleteAsync(account);
        return CodeStep.SignedIn;
    }

    /// <summary>Starts enrolment: a new secret, kept pending until the user proves it with a code.</summary>
    public async Task<string> BeginEnrolmentAsync(CareAccount account)
    {
        if (account.PendingAuthenticatorKey is { } pendingKey)
        {
            return twoFactor.Unprotect(pendingKey);
        }

        var secret = TwoFactor.NewSecret();
        account.PendingAuthenticatorKey = twoFactor.Protect(secret);
        await users.UpdateAsync(account);
        return secret;
    }

    /// <summary>Confirms enrolment with a code from the app; returns the recovery codes to show once, or null.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmEnrolmentAsync(CareAccount account, string? code)
    {
        if (account.PendingAuthenticatorKey is not { } pendingKey || !twoFactor.TryAccept(account, twoFactor.Unprotect(pendingKey), code))
        {
            await users.AccessFailedAsync(account);
            return null;
        }

        account.AuthenticatorKey = pendingKey;
        account.PendingAuthenticatorKey = null;
        account.TwoFactorEnabled = true;
        await users.UpdateAsync(account);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10);
        return codes?.ToList() ?? [];
    }

    /// <summary>Signs in fully when the user is at the enrolment stage and just confirmed (used after showing recovery codes).</summary>
    public Task CompleteAfterEnrolmentAsync(CareAccount account) => CompleteAsync(account);

    /// <summary>Checks password and code again for a signed-in user before a sensitive change.</summary>
    public async Task<bool> ReauthenticateAsync(CareAccount account, string? password, string? code)
    {
        if (await users.IsLockedOutAsync(account) || !await users.CheckPasswordAsync(account, password ?? ""))
        {
            await users.AccessFailedAsync(account);
            return false;
        }

        var secret = account.AuthenticatorKey is { } key ? twoFactor.Unprotect(key) : null;
        if (secret is null || !twoFactor.TryAccept(account, secret, code))
        {
            await users.AccessFailedAsync(account);
            return false;
        }

        await users.UpdateAsync(account);
        var sessionId = Guid.Parse(Http.User.FindFirst(SchakelClaims.Session)!.Value);
        await store.Sessions.Where(s => s.Id == sessionId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReauthenticatedAt, clock.GetUtcNow()));
        return true;
    }

    public async Task<bool> RecentlyReauthenticatedAsync(TimeSpan window)
    {
        if (!Guid.TryParse(Http.User.FindFirst(SchakelClaims.Session)?.Value, out var sessionId))
        {
            return false;
        }

        var at = await store.Sessions.Where(s => s.Id == sessionId).Select(s => s.ReauthenticatedAt).SingleOrDefaultAsync();
        return at is not null && clock.GetUtcNow() - at.Value <= window;
    }

    public async Task SignOutAsync()
    {
        await Http.SignOutAsync(SchakelAuth.Portal);
        await Http.SignOutAsync(SchakelAuth.Pending);
    }

    public async Task<CareAccount?> Load(Guid id) =>
        await store.Users.Include(a => a.Organisation).Include(a => a.ActsOnBehalfOf).SingleOrDefaultAsync(a => a.Id == id);

    private async Task CompleteAsync(CareAccount account)
    {
        await users.ResetAccessFailedCountAsync(account);
        var roles = await users.GetRolesAsync(account);
        var full = await Load(account.Id) ?? account;
        var identity = CareClaims.For(full, roles, Guid.CreateVersion7(), clock.GetUtcNow(), SchakelAuth.Portal);
        await Http.SignOutAsync(SchakelAuth.Pending);
        await Http.SignInAsync(SchakelAuth.Portal, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    private static readonly string DummyHash = new PasswordHasher<CareAccount>().HashPassword(new CareAccount(), "not-a-real-password-0000");
}
