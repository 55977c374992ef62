using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Schakel.SocialMap.Demo;

namespace Schakel.Host.Demo;

public sealed class DemoSeedStatus
{
    private volatile bool _pending = true;

    public bool Pending => _pending;

    public string? Failure { get; private set; }

    public void Done() => _pending = false;

    public void Failed(string reason)
    {
        Failure = reason;
        _pending = false;
    }
}

/// <summary>
/// Seeds the demo region once the host has started (schema applied, Wolverine running), through
/// each module's own seeding door. Modules skip what they already hold, so restarts keep data.
/// </summary>
public sealed partial class DemoRegionSeeder(
    IServiceProvider services,
    IOptions<DemoOptions> options,
    DemoSeedStatus status,
    IHostApplicationLifetime lifetime,
    ILogger<DemoRegionSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Seed)
        {
            status.Done();
            return;
        }

        try
        {
            await WhenStarted(lifetime, stoppingToken);
            var region = await DemoRegion.LoadAsync(options.Value.File, stoppingToken);
            var listed = await SeedDemoDirectory.SeedAsync(services, region.TherapistLocations, stoppingToken);
            var baseUrl = services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            var accounts = await SeedDemoAccounts.SeedAsync(services, region, options.Value, baseUrl, stoppingToken);
            LogSeeded(logger, region.Region, listed, accounts);
            status.Done();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            status.Done();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or Npgsql.NpgsqlException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            LogFailed(logger, e);
            status.Failed(e.Message);
        }
    }

    private static Task WhenStarted(IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        ct.Register(() => started.TrySetCanceled(ct));
        return started.Task;
    }

    [LoggerMessage(LogLevel.Information, "Demo region {Region} seeded: {Listed} therapist locations listed, {Accounts} accounts created (0 means already present)")]
    private static partial void LogSeeded(ILogger logger, string region, int listed, int accounts);

    [LoggerMessage(LogLevel.Error, "Seeding the demo region failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}

/// <summary>
/// While demo seeding runs the host is not ready yet (Degraded: expected, logged as a warning, and
/// answered 503 by /health/ready); after it failed, the host is unhealthy.
/// </summary>
public sealed class DemoSeedHealthCheck(DemoSeedStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(
            status.Failure is not null ? HealthCheckResult.Unhealthy($"Demo seeding failed: {status.Failure}")
            : status.Pending ? HealthCheckResult.Degraded("Demo region is being seeded.")
            : HealthCheckResult.Healthy());
}
