using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;
using Schakel.BuildingBlocks.Access;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Schakel.Host.Identity;

/// <summary>Authentication schemes of the host.</summary>
public static class SchakelAuth
{
    /// <summary>Chooses per request: a bearer token goes to OpenIddict validation, everything else to the portal cookie.</summary>
    public const string Default = "schakel";

    /// <summary>The portal session cookie, after password and second factor.</summary>
    public const string Portal = "schakel.portal";

    /// <summary>Between password and second factor (or enrolment): a short-lived cookie that opens no page but the next step.</summary>
    public const string Pending = "schakel.pending";

    public static readonly string Bearer = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
}

public sealed class IdentityOptions
{
    public const string Section = "Schakel:Identity";

    /// <summary>Refuse OpenID Connect over plain http. Off only for local demo and tests on 127.0.0.1.</summary>
    public bool RequireHttps { get; set; } = true;

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>However often a refresh token is rotated, no token outlives the sign-in by more than this.</summary>
    public TimeSpan RefreshTokenAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan InvitationLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a re-authentication allows changing e-mail or two-factor settings.</summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(5);
}

public static class IdentitySetup
{
    public const string InvitationTokenProvider = "SchakelInvitation";

    public static WebApplicationBuilder AddSchakelIdentity(this WebApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        services.Configure<IdentityOptions>(builder.Configuration.GetSection(IdentityOptions.Section));
        var settings = builder.Configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new IdentityOptions();

        services.AddDbContextFactory<IdentityStore>(o => o
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history", IdentityStore.Schema))
            .UseOpenIddict<Guid>());
        // First of all hosted services: the data-protection key ring and Wolverine's start-up read
        // identity tables, which must exist (and be migrated) before they do.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, IdentityDatabase>());

        services.AddDataProtection()
            .SetApplicationName("schakel")
            .PersistKeysToDbContext<IdentityStore>();

        services.AddIdentityCore<CareAccount>(o =>
            {
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = false;
                o.Tokens.PasswordResetTokenProvider = TokenOptions.DefaultProvider;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdentityStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider)
            .AddErrorDescriber<DutchIdentityErrors>()
            .AddPasswordValidator<PasswordRules>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = settings.PasswordResetLinkLifetime);
        services.Configure<InvitationTokenProviderOptions>(o =>
        {
            o.Name = InvitationTokenProvider;
            o.TokenLifespan = settings.InvitationLinkLifetime;
        });

        services.AddSingleton<TwoFactor>();
        services.AddSingleton<SessionEnds>();
        services.AddSingleton<ITicketStore, SessionTicketStore>();
        services.AddScoped<SessionTerminator>();
        services.AddScoped<SignInFlow>();
        services.AddScoped<AccountAdministration>();
        services.AddSingleton<Schakel.BuildingBlocks.Access.ICareDirectory, IdentityCareDirectory>();
        services.AddScoped<IAccountMail, AccountMail>();
        services.AddSingleton(new Schakel.BuildingBlocks.Portal.PortalNavigationItem(
            "/beheer/gebruikers", typeof(Schakel.Host.Resources.AccountText), "Admin_Title", 90, [SchakelRoles.Administrator]));

        services.AddAuthentication(SchakelAuth.Default)
            .AddPolicyScheme(SchakelAuth.Default, "Portal cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? SchakelAuth.Bearer
                    : SchakelAuth.Portal)
            .AddCookie(SchakelAuth.Portal, SessionCookie.Configure)
            .AddCookie(SchakelAuth.Pending, o =>
            {
                o.Cookie.Name = "__Host-schakel-pending";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                o.SlidingExpiration = false;
                o.LoginPath = "/inloggen";
            });
        services.AddOptions<CookieAuthenticationOptions>(SchakelAuth.Portal)
            .Configure<ITicketStore>((o, store) => o.SessionStore = store);
        services.ConfigureOptions<ApiChallenges>();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityStore>().ReplaceDefaultEntities<Guid>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetUserInfoEndpointUris("connect/userinfo");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowRefreshTokenFlow();
                o.AllowClientCredentialsFlow();
                o.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, .. SchakelScopes.All]);
                o.SetAuthorizationCodeLifetime(settings.AuthorizationCodeLifetime)
                    .SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetIdentityTokenLifetime(settings.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                var aspnet = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (!settings.RequireHttps)
                {
                    aspnet.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                // Ask the token table on every call, so that revoking (deactivation) takes effect at once.
                o.EnableTokenEntryValidation();
                o.EnableAuthorizationEntryValidation();
            });
        services.AddSingleton<IConfigureOptions<OpenIddict.Server.OpenIddictServerOptions>, ServerCredentials>();

        services.AddAuthorization(o =>
        {
            o.DefaultPolicy = new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireAssertion(c => CareClaims.IsFullySignedIn(c.User))
                .Build();
            // Everything needs a full sign-in unless it says otherwise ([AllowAnonymous]).
            o.FallbackPolicy = o.DefaultPolicy;
            o.AddPolicy(SchakelPolicies.CareProvider, o.DefaultPolicy);
            o.AddPolicy(SchakelPolicies.GpSide, p => p.Combine(o.DefaultPolicy).RequireAssertion(c =>
                CareUser.From(c.User) is { IsGpSide: true } user
                && (user.ClientId is not null || user.IsInRole(SchakelRoles.GeneralPractitioner) || user.IsInRole(SchakelRoles.PracticeNurse))));
            o.AddPolicy(SchakelPolicies.SpecialistSide, p => p.Combine(o.DefaultPolicy).RequireAssertion(c =>
                CareUser.From(c.User) is { IsSpecialistSide: true } user
                && (user.ClientId is not null || SchakelRoles.Hospital.Any(user.IsInRole))));
            o.AddPolicy(SchakelPolicies.Coordinator, p => p.Combine(o.DefaultPolicy).RequireRole(SchakelRoles.Coordinator));
            o.AddPolicy(SchakelPolicies.Administrator, p => p.Combine(o.DefaultPolicy).RequireRole(SchakelRoles.Administrator));
            o.AddPolicy(SchakelPolicies.AccessLogReader, p => p.Combine(o.DefaultPolicy).RequireRole(SchakelRoles.Coordinator, SchakelRoles.Administrator));
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, LoggedAuthorizationResults>();
        return builder;
    }

    public static WebApplication UseSchakelIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<ModuleScopes>();
        app.UseAuthorization();
        return app;
    }
}
