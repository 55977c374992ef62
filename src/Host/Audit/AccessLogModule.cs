using System.Text.Encodings.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Portal;
using Schakel.Host.Audit.Resources;

namespace Schakel.Host.Audit;

/// <summary>
/// The NEN 7513 access log (docs/adr/0007): the append-only table and its schema, the one
/// <see cref="IAccessLog"/>, the daily retention purge, and the reader's API and pages.
/// </summary>
public static class AccessLogModule
{
    public static WebApplicationBuilder AddAccessLog(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString(SchakelPlatform.ConnectionStringName)
            ?? throw new InvalidOperationException($"No connection string {SchakelPlatform.ConnectionStringName} for the access log.");

        services.AddOptions<AccessLogOptions>()
            .Bind(builder.Configuration.GetSection(AccessLogOptions.Section))
            .Validate(
                o => o.RetentionYears >= AccessLogOptions.MinimumRetentionYears,
                $"{AccessLogOptions.Section}:RetentionYears must be at least {AccessLogOptions.MinimumRetentionYears} (NEN 7513).")
            .ValidateOnStart();

        services.AddHttpContextAccessor();
        services.AddSingleton(_ => AccessLogDatabase.For(connectionString));
        services.AddSingleton<IAccessLog, PostgresAccessLog>();
        services.AddSingleton<AccessLogQueries>();
        services.AddSingleton<AccessLogPurge>();
        services.AddSingleton<IValidator<SearchAccessLog>, SearchAccessLog.Validator>();

        // Runs in the host's "starting" phase, before every hosted service (Wolverine's included) starts.
        services.AddHostedService<AccessLogSchemaSetup>();
        services.AddHostedService<DailyAccessLogPurge>();

        // The reader policy (SchakelPolicies.AccessLogReader) is defined with the others in Identity/IdentitySetup.cs.
        services.AddSingleton(new PortalNavigationItem(
            "/toegangslog", typeof(AccessLogText), "Nav_AccessLog", 90, [SchakelRoles.Coordinator, SchakelRoles.Administrator]));
        return builder;
    }
}

public sealed class AccessLogOptions
{
    public const string Section = "Schakel:AccessLog";

    /// <summary>NEN 7513 asks for at least five years; the database trigger holds the same floor.</summary>
    public const int MinimumRetentionYears = 5;

    public int RetentionYears { get; set; } = MinimumRetentionYears;
}
