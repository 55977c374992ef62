using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Host.Identity;

/// <summary>
/// Keeps portal sign-ins on the server (table identity.sessions). The cookie holds only the
/// session key, so a session that is ended here (logout, "end this session", deactivation)
/// stops working at once, on every device.
/// </summary>
public sealed class SessionTicketStore(
    IDbContextFactory<IdentityStore> stores,
    IDataProtectionProvider protection,
    IHttpContextAccessor http,
    TimeProvider clock,
    SessionEnds ends) : ITicketStore
{
    /// <summary>How often the last-seen time is written at most.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = protection.CreateProtector("Schakel.Identity.Sessions.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = SessionIdOf(ticket);
        var now = clock.GetUtcNow();
        await using var store = await stores.CreateDbContextAsync();
        var request = http.HttpContext?.Request;
        store.Sessions.Add(new CareSession
        {
            Id = id,
            AccountId = Guid.Parse(ticket.Principal.FindFirst(SchakelClaims.Subject)!.Value),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc ?? now.AddHours(8),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(request?.Headers.UserAgent.ToString(), 300),
            Ticket = Protect(ticket),
        });
        await store.SaveChangesAsync();
        return id.ToString("N");
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return;
        }

        await using var store = await stores.CreateDbContextAsync();
        var session = await store.Sessions.FindAsync(id);
        if (session is null)
        {
            return;
        }

        session.Ticket = Protect(ticket);
        session.ExpiresAt = ticket.Properties.ExpiresUtc ?? session.ExpiresAt;
        session.LastSeenAt = clock.GetUtcNow();
        await store.SaveChangesAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return null;
        }

        await using var store = await stores.CreateDbContextAsync();
        var session = await store.Sessions.FindAsync(id);
        var now = clock.GetUtcNow();
        if (session is null || session.ExpiresAt <= now)
        {
            return null;
        }

        if (now - session.LastSeenAt > TouchInterval)
        {
            session.LastSeenAt = now;
            await store.SaveChangesAsync();
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        if (Guid.TryParse(key, out var id))
        {
            await using var store = await stores.CreateDbContextAsync();
            await store.Sessions.Where(s => s.Id == id).ExecuteDeleteAsync();
            ends.Announce(new SessionEnd(null, id));
        }
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static Guid SessionIdOf(AuthenticationTicket ticket) =>
        Guid.TryParse(ticket.Principal.FindFirst(SchakelClaims.Session)?.Value, out var id) ? id : Guid.CreateVersion7();

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}

/// <summary>Ends sessions and tokens: one user's session, or everything of a deactivated account.</summary>
public sealed class SessionTerminator(
    IdentityStore store,
    OpenIddict.Abstractions.IOpenIddictTokenManager tokens,
    OpenIddict.Abstractions.IOpenIddictAuthorizationManager authorizations,
    SessionEnds ends)
{
    public async Task<int> EndAsync(Guid accountId, Guid sessionId, CancellationToken ct)
    {
        var ended = await store.Sessions.Where(s => s.AccountId == accountId && s.Id == sessionId).ExecuteDeleteAsync(ct);
        ends.Announce(new SessionEnd(accountId, sessionId));
        return ended;
    }

    /// <summary>Ends every portal session and revokes every token and authorization of the account.</summary>
    public async Task EndAllAsync(Guid accountId, CancellationToken ct)
    {
        await store.Sessions.Where(s => s.AccountId == accountId).ExecuteDeleteAsync(ct);
        ends.Announce(new SessionEnd(accountId, null));
        var subject = accountId.ToString();
        await foreach (var token in tokens.FindBySubjectAsync(subject, ct))
        {
            await tokens.TryRevokeAsync(token, ct);
        }

        await foreach (var authorization in authorizations.FindBySubjectAsync(subject, ct))
        {
            await authorizations.TryRevokeAsync(authorization, ct);
        }
    }
}

/// <summary>
/// A portal session ended on this host: one session (<see cref="SessionId"/>) or every session of
/// an account (<see cref="SessionId"/> null). Other hosts notice from the sessions table.
/// </summary>
public sealed record SessionEnd(Guid? AccountId, Guid? SessionId);

/// <summary>
/// Tells what holds something open for a session (live connections) that the session ended, so it
/// can close at once rather than at its next check of the sessions table.
/// </summary>
public sealed class SessionEnds
{
    public event Action<SessionEnd>? Ended;

    public void Announce(SessionEnd end) => Ended?.Invoke(end);
}

public static class SessionCookie
{
    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "__Host-schakel";
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.Path = "/";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = false;
        o.LoginPath = "/inloggen";
        o.LogoutPath = "/uitloggen";
        o.AccessDeniedPath = "/fout/403";
        o.ReturnUrlParameter = "terug";
    }
}
