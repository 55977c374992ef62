using Schakel.BuildingBlocks.Access;

namespace Schakel.Host.Audit;

/// <summary>
/// The NEN 7513 access log (docs/adr/0007): the append-only table and its schema, the one
/// <see cref="IAccessLog"/> and the daily retention purge.
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
        services.AddSingleton<AccessLogPurge>();

        // Runs in the host's "starting" phase, before every hosted service (Wolverine's included) starts.
        services.AddHostedService<AccessLogSchemaSetup>();
        services.AddHostedService<DailyAccessLogPurge>();
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
