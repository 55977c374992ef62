using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Audit;
using Schakel.Testing;

namespace Schakel.IntegrationTests.AccessLog;

/// <summary>
/// The production setup of docs/adr/0007: a role that cannot log in owns the log, and the
/// application's role may only read, append and purge. Then not even the application's role can
/// drop or disable the triggers. Needs a superuser (./test.sh provides one).
/// </summary>
public sealed class OwningTheLogWithASeparateRole
{
    private const string Owner = "schakel_audit_owner";

    [Fact]
    public async Task the_application_appends_but_cannot_touch_the_triggers_when_a_separate_role_owns_a_fresh_log()
    {
        var (app, database) = await FreshDatabaseAsync("owner_fresh");
        await AsSuperuserAsync(database, $"""
            grant create on database "{database}" to {Owner};
            set role {Owner};
            {await AccessLogSchemaSetup.ReadScriptAsync(CancellationToken.None)}
            reset role;
            revoke create on database "{database}" from {Owner};
            """);
        await GrantApplicationAsync(database, app);

        await ExpectOnlyAppendAsync(app);
    }

    [Fact]
    public async Task the_application_appends_but_cannot_touch_the_triggers_after_its_log_is_handed_to_a_separate_role()
    {
        var (app, database) = await FreshDatabaseAsync("owner_handover");
        await StartSetupAsync(app); // the default: the application's role creates and owns the log
        await AsSuperuserAsync(database, $"""
            alter schema audit owner to {Owner};
            alter table audit.access_log owner to {Owner};
            alter function audit.refuse_access_log_change() owner to {Owner};
            alter function audit.refuse_early_access_log_delete() owner to {Owner};
            revoke all on audit.access_log from "{AppRole(app)}";
            revoke update, truncate on audit.access_log from {Owner};
            """);
        await GrantApplicationAsync(database, app);

        await ExpectOnlyAppendAsync(app);
    }

    private static async Task ExpectOnlyAppendAsync(string app)
    {
        await StartSetupAsync(app); // leaves another role's log alone, and finds it may append
        await using var log = AccessLogDatabase.For(app);
        var patient = TestPatients.NewReference();
        await new PostgresAccessLog(log, new HttpContextAccessor(), TimeProvider.System, NullLogger<PostgresAccessLog>.Instance)
            .RecordAsync(new PatientDataAccess(AccessAction.Read, patient, "consultation.question"));

        await using var connection = new NpgsqlConnection(app);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "drop trigger access_log_no_update on audit.access_log",
            "alter table audit.access_log disable trigger all",
            "drop table audit.access_log",
            "update audit.access_log set user_name = 'someone else'",
            "truncate audit.access_log",
            "delete from audit.access_log",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal("42501", refused.SqlState);
        }

        await using var count = new NpgsqlCommand("select count(*) from audit.access_log where patient_ref = @p", connection);
        count.Parameters.AddWithValue("p", patient);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    private static async Task StartSetupAsync(string connectionString)
    {
        await using var database = AccessLogDatabase.For(connectionString);
        await new AccessLogSchemaSetup(database, NullLogger<AccessLogSchemaSetup>.Instance).StartingAsync(CancellationToken.None);
    }

    /// <summary>A new database owned by the application's role, as the README asks for.</summary>
    private static async Task<(string App, string Database)> FreshDatabaseAsync(string suffix)
    {
        var app = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString);
        var name = $"{app.Database}_{suffix}".ToLowerInvariant();
        await AsSuperuserAsync("postgres", $"""
            drop database if exists "{name}" with (force);
            create database "{name}" owner "{app.Username}";
            """);
        await AsSuperuserAsync("postgres", $"""
            do $$ begin
                if not exists (select from pg_roles where rolname = '{Owner}') then create role {Owner} nologin; end if;
            end $$;
            """);
        app.Database = name;
        return (app.ConnectionString, name);
    }

    private static string AppRole(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Username!;

    private static async Task AsSuperuserAsync(string database, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresSuperuser.ConnectionString) { Database = database };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Step 3 of the ADR: the application's role reads, appends and purges; nothing else.</summary>
    private static Task GrantApplicationAsync(string database, string app) => AsSuperuserAsync(database, $"""
        grant usage on schema audit to "{AppRole(app)}";
        grant select, insert, delete on audit.access_log to "{AppRole(app)}";
        """);
}

/// <summary>A PostgreSQL superuser connection (SCHAKEL_TEST_POSTGRES_ADMIN), which ./test.sh always provides.</summary>
public static class PostgresSuperuser
{
    public const string Variable = "SCHAKEL_TEST_POSTGRES_ADMIN";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set. Run the tests with ./test.sh, which sets it.");
}
