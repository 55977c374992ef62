using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Schakel.Host.Audit;
using Schakel.Testing;
using Wolverine;

namespace Schakel.IntegrationTests.AccessLog;

/// <summary>
/// The database, not the application's good manners, keeps the log append-only: the application's
/// role has no UPDATE or TRUNCATE privilege, and triggers refuse them (and early deletes) even if
/// someone grants the privileges back.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class KeepingTheAccessLogAppendOnly(IntegrationApp app)
{
    private const string InsufficientPrivilege = "42501";

    private static DateTimeOffset YearsAgo(double years) => DateTimeOffset.UtcNow.AddDays(-365.25 * years);

    private async Task<PostgresException> RefusedAsync(string sql, long id, bool grantBack = false)
    {
        await using var connection = await app.OpenAsApplicationAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (grantBack)
        {
            // The table's owner may always grant itself privileges again; the triggers must still hold.
            await using var grant = new NpgsqlCommand("grant update, delete, truncate on audit.access_log to current_user", connection, transaction);
            await grant.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        await transaction.RollbackAsync();
        return refused;
    }

    [Fact]
    public async Task changing_an_entry_is_refused_for_lack_of_privilege()
    {
        var id = await app.InsertAtAsync(TestPatients.NewReference(), DateTimeOffset.UtcNow);

        var refused = await RefusedAsync("update audit.access_log set user_name = 'someone else' where id = @id", id);

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        Assert.Contains("permission denied", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task changing_an_entry_is_refused_by_the_trigger_even_with_the_privilege_granted_back()
    {
        var id = await app.InsertAtAsync(TestPatients.NewReference(), DateTimeOffset.UtcNow);

        var refused = await RefusedAsync("update audit.access_log set user_name = 'someone else' where id = @id", id, grantBack: true);

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task deleting_a_fresh_entry_is_refused()
    {
        var id = await app.InsertAtAsync(TestPatients.NewReference(), DateTimeOffset.UtcNow);

        var refused = await RefusedAsync("delete from audit.access_log where id = @id", id);

        Assert.Contains("at least 5 years", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task deleting_an_entry_of_almost_five_years_is_refused()
    {
        var id = await app.InsertAtAsync(TestPatients.NewReference(), YearsAgo(4.99));

        var refused = await RefusedAsync("delete from audit.access_log where id = @id", id);

        Assert.Contains("at least 5 years", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task emptying_the_log_is_refused_for_lack_of_privilege_and_by_the_trigger()
    {
        var id = await app.InsertAtAsync(TestPatients.NewReference(), DateTimeOffset.UtcNow);

        var withoutPrivilege = await RefusedAsync("truncate audit.access_log", id);
        var withPrivilege = await RefusedAsync("truncate audit.access_log", id, grantBack: true);

        Assert.Contains("permission denied", withoutPrivilege.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", withPrivilege.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_purge_deletes_only_entries_older_than_the_retention_period()
    {
        var patient = TestPatients.NewReference();
        var expired = await app.InsertAtAsync(patient, YearsAgo(6));
        var almostExpired = await app.InsertAtAsync(patient, YearsAgo(4.99));
        var fresh = await app.InsertAtAsync(patient, DateTimeOffset.UtcNow);

        await app.Host.Services.GetRequiredService<AccessLogPurge>().PurgeAsync(CancellationToken.None);

        Assert.Equal([almostExpired, fresh], (await app.StoredForPatientAsync(patient)).Select(e => e.Id));
        Assert.DoesNotContain(expired, (await app.StoredForPatientAsync(patient)).Select(e => e.Id));
    }

    [Fact]
    public async Task a_longer_retention_keeps_entries_the_minimum_would_let_go()
    {
        var patient = TestPatients.NewReference();
        var eightYears = await app.InsertAtAsync(patient, YearsAgo(8));
        var sixYears = await app.InsertAtAsync(patient, YearsAgo(6));
        var purge = new AccessLogPurge(
            app.Database(), Options.Create(new AccessLogOptions { RetentionYears = 7 }), TimeProvider.System, NullLogger<AccessLogPurge>.Instance);

        await purge.PurgeAsync(CancellationToken.None);

        var kept = (await app.StoredForPatientAsync(patient)).Select(e => e.Id).ToList();
        Assert.Equal([sixYears], kept);
        Assert.DoesNotContain(eightYears, kept);
    }

    [Fact]
    public async Task setting_up_the_schema_again_on_an_existing_database_keeps_entries_and_protection()
    {
        var patient = TestPatients.NewReference();
        var id = await app.InsertAtAsync(patient, DateTimeOffset.UtcNow);

        await new AccessLogSchemaSetup(app.Database(), NullLogger<AccessLogSchemaSetup>.Instance).StartingAsync(CancellationToken.None);

        Assert.Single(await app.StoredForPatientAsync(patient));
        await RefusedAsync("delete from audit.access_log where id = @id", id);
    }

    [Fact]
    public async Task a_retention_below_five_years_stops_the_host_from_starting()
    {
        // Its own database: a second Wolverine node in solo mode on the shared one would take over the shared host's agents.
        var connectionString = await TestDatabase.ForAsync("retention");
        var start = () => AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Schakel", connectionString);
            builder.UseSetting("Schakel:AccessLog:RetentionYears", "4");
            builder.ConfigureServices(services => services.RunWolverineInSoloMode());
        });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(start);

        Assert.Contains("at least 5", refused.Message, StringComparison.Ordinal);
    }
}
