using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Wolverine;

namespace Schakel.Host.Live;

public sealed class LiveOptions
{
    public const string Section = "Schakel:Live";

    /// <summary>A StackExchange.Redis connection string; set it when several hosts serve the portal, so a poke reaches every host.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// What this deployment's Redis channels begin with. Redis shares its pub/sub channels between
    /// everything connected to it (the database number does not separate them), so two deployments
    /// on one Redis need different prefixes. Default: <c>schakel-live:{environment}:</c>.
    /// </summary>
    public string? RedisChannelPrefix { get; set; }

    /// <summary>The configured prefix, or the default for <paramref name="environmentName"/>.</summary>
    public string ChannelPrefixFor(string environmentName)
    {
        ArgumentNullException.ThrowIfNull(environmentName);
        if (string.IsNullOrWhiteSpace(RedisChannelPrefix))
        {
            return $"schakel-live:{new string(environmentName.ToLowerInvariant().Select(c => IsChannelCharacter(c) ? c : '-').ToArray())}:";
        }

        var prefix = RedisChannelPrefix.Trim();
        return prefix.All(IsChannelCharacter)
            ? prefix
            : throw new InvalidOperationException(
                $"{Section}:{nameof(RedisChannelPrefix)} may hold only letters, digits, ':', '-', '_' and '.' (it was '{prefix}').");
    }

    private static bool IsChannelCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.';

    /// <summary>How often the sessions behind this host's live connections are checked (a session ended on another host, or expired).</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Live updates of the portal over SignalR (docs/adr/0011): the hub at <see cref="LiveHub.Path"/>,
/// open only to a portal cookie of a full two-factor sign-in, the handlers that poke it, and the
/// optional Redis backplane for several hosts.
/// </summary>
public static class LiveUpdates
{
    /// <summary>The portal cookie and nothing else: no bearer token, no token in the query string.</summary>
    public const string Policy = "schakel.live";

    public const string SessionCheckIntervalSetting = "Schakel:Live:SessionCheckInterval";

    public static WebApplicationBuilder AddSchakelLive(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(LiveOptions.Section);
        services.Configure<LiveOptions>(section);
        var settings = section.Get<LiveOptions>() ?? new LiveOptions();

        var signalR = services.AddSignalR(o => o.EnableDetailedErrors = false)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        if (!string.IsNullOrWhiteSpace(settings.Redis))
        {
            var prefix = settings.ChannelPrefixFor(builder.Environment.EnvironmentName);
            signalR.AddStackExchangeRedis(settings.Redis, o =>
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(prefix));
        }

        services.AddSingleton<LiveConnections>();
        services.AddSingleton(sp => new LivePokes(sp.GetRequiredService<Microsoft.AspNetCore.SignalR.IHubContext<LiveHub>>()));
        services.AddHostedService<LiveSessionCheck>();
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(SchakelAuth.Portal)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => IsPortalSignIn(c.User))));

        services.ConfigureWolverine(opts => opts.Discovery.IncludeType(typeof(PushQuestionChangesHandler)));
        services.ConfigureWolverine(opts => opts.Discovery.IncludeType(typeof(PushReferralChangesHandler)));
        return builder;
    }

    public static WebApplication MapSchakelLive(this WebApplication app)
    {
        // A connection ends when its cookie's sign-in expires, not only when the browser goes.
        app.MapHub<LiveHub>(LiveHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }

    /// <summary>A person who signed in to the portal with both factors: never an integration client.</summary>
    private static bool IsPortalSignIn(System.Security.Claims.ClaimsPrincipal user) =>
        user.HasClaim(SchakelClaims.AuthenticationMethod, "otp")
        && !user.HasClaim(c => c.Type == SchakelClaims.ClientId)
        && user.HasClaim(c => c.Type == SchakelClaims.Session)
        && CareUser.From(user) is not null;
}
