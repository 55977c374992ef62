using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Audit;
using Schakel.Testing;

namespace Schakel.IntegrationTests.AccessLog;

/// <summary>One row of audit.access_log as the database holds it.</summary>
public sealed record StoredAccess(
    long Id,
    DateTime OccurredAt,
    string Action,
    string PatientRef,
    string Resource,
    string? ResourceId,
    string Outcome,
    string UserId,
    string UserName,
    string? ResponsibleUserId,
    string? ResponsibleUserName,
    Guid? OrganisationId,
    string? OrganisationName,
    string? ClientId,
    string? IpAddress,
    string? UserAgent,
    string? AccessPoint);

/// <summary>Writes and reads the access log the way the product does, for tests that set the scene.</summary>
public static class AccessLogTesting
{
    public const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Schakel-test";

    public static AccessLogDatabase Database(this IntegrationApp app) => app.Host.Services.GetRequiredService<AccessLogDatabase>();

    /// <summary>The product's writer as it runs inside a request by <paramref name="user"/> (or outside any request when null) at <paramref name="at"/>.</summary>
    internal static PostgresAccessLog WriterFor(this IntegrationApp app, CareUser? user, DateTimeOffset at, string ip = "192.0.2.10") =>
        new(app.Database(), new HttpContextAccessor { HttpContext = user is null ? null : RequestBy(user, ip) },
            new FakeTimeProvider(at), NullLogger<PostgresAccessLog>.Instance);

    public static Task RecordAsync(this IntegrationApp app, CareUser? user, DateTimeOffset at, string patient, AccessAction action = AccessAction.Read) =>
        app.WriterFor(user, at).RecordAsync(new PatientDataAccess(action, patient, "consultation.question", Guid.CreateVersion7().ToString()));

    public static HttpContext RequestBy(CareUser user, string ip)
    {
        var http = new DefaultHttpContext { User = TestUsers.PrincipalOf(user) };
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        http.Request.Method = "GET";
        http.Request.Headers.UserAgent = Browser;
        http.SetEndpoint(new RouteEndpoint(
            _ => Task.CompletedTask, RoutePatternFactory.Parse("/api/consultation/questions/{id}"), 0, EndpointMetadataCollection.Empty, "test"));
        return http;
    }

    public static async Task<IReadOnlyList<StoredAccess>> StoredForPatientAsync(this IntegrationApp app, string patient)
    {
        await using var command = app.Database().DataSource.CreateCommand("""
            select id, occurred_at, action, patient_ref, resource, resource_id, outcome, user_id, user_name,
                   responsible_user_id, responsible_user_name, organisation_id, organisation_name, client_id,
                   host(ip_address), user_agent, access_point
            from audit.access_log where patient_ref = @patient order by id
            """);
        command.Parameters.AddWithValue("patient", patient);
        var rows = new List<StoredAccess>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(new StoredAccess(
                reader.GetInt64(0), reader.GetDateTime(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Text(5),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), Text(9), Text(10),
                reader.IsDBNull(11) ? null : reader.GetGuid(11), Text(12), Text(13), Text(14), Text(15), Text(16)));
        }

        return rows;
    }

    /// <summary>Inserts an entry directly, as the application role may (INSERT is allowed; only its time is chosen here).</summary>
    public static async Task<long> InsertAtAsync(this IntegrationApp app, string patient, DateTimeOffset occurredAt)
    {
        await using var command = app.Database().DataSource.CreateCommand("""
            insert into audit.access_log (occurred_at, action, patient_ref, resource, outcome, user_id, user_name)
            values (@at, 'Read', @patient, 'consultation.question', 'Allowed', 'system', 'system')
            returning id
            """);
        command.Parameters.AddWithValue("at", occurredAt.UtcDateTime);
        command.Parameters.AddWithValue("patient", patient);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<NpgsqlConnection> OpenAsApplicationAsync(this IntegrationApp app)
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
