using System.Net;
using Npgsql;
using NpgsqlTypes;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.Host.Infrastructure;

namespace Schakel.Host.Audit;

/// <summary>
/// Writes one access to the append-only table, adding who (from the signed-in principal), when
/// (UTC, from the clock) and from where (remote address, user agent, route). Fails closed: when
/// the entry cannot be written the caller gets the exception, so the access must not proceed.
/// </summary>
internal sealed partial class PostgresAccessLog(
    AccessLogDatabase database,
    IHttpContextAccessor http,
    TimeProvider clock,
    ILogger<PostgresAccessLog> logger) : IAccessLog
{
    private const string Insert = """
        insert into audit.access_log (
            occurred_at, action, patient_ref, resource, resource_id, outcome,
            user_id, user_name, responsible_user_id, responsible_user_name,
            organisation_id, organisation_name, client_id, ip_address, user_agent, access_point)
        values (
            @occurred_at, @action, @patient_ref, @resource, @resource_id, @outcome,
            @user_id, @user_name, @responsible_user_id, @responsible_user_name,
            @organisation_id, @organisation_name, @client_id, @ip_address, @user_agent, @access_point)
        """;

    public Task RecordAsync(PatientDataAccess access, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        return RecordAllAsync([access], ct);
    }

    public async Task RecordAllAsync(IReadOnlyCollection<PatientDataAccess> accesses, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(accesses);
        foreach (var access in accesses)
        {
            ArgumentNullException.ThrowIfNull(access, nameof(accesses));
            PatientReference.EnsurePseudonymous(access.PatientReference, nameof(accesses));
            ArgumentException.ThrowIfNullOrWhiteSpace(access.Resource, nameof(accesses));
        }

        if (accesses.Count == 0)
        {
            return;
        }

        var actor = AccessActor.From(http.HttpContext);
        var occurredAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(ct);
            // One round trip and one commit for the whole list; a single entry needs no transaction of its own.
            await using var transaction = accesses.Count > 1 ? await connection.BeginTransactionAsync(ct) : null;
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var access in accesses)
            {
                batch.BatchCommands.Add(InsertOf(access, actor, occurredAt));
            }

            await batch.ExecuteNonQueryAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
        }
        catch (Exception e)
        {
            // No patient reference or resource id in the log line: the action and resource say enough to investigate.
            var first = accesses.First();
            LogWriteFailed(logger, first.Action, first.Resource, e);
            throw;
        }
    }

    private static NpgsqlBatchCommand InsertOf(PatientDataAccess access, AccessActor actor, DateTime occurredAt)
    {
        var command = new NpgsqlBatchCommand(Insert);
        var p = command.Parameters;
        p.Add(Parameter("occurred_at", NpgsqlDbType.TimestampTz, occurredAt));
        p.Add(Parameter("action", NpgsqlDbType.Text, access.Action.ToString()));
        p.Add(Parameter("patient_ref", NpgsqlDbType.Text, access.PatientReference.Trim()));
        p.Add(Parameter("resource", NpgsqlDbType.Text, access.Resource));
        p.Add(Parameter("resource_id", NpgsqlDbType.Text, access.ResourceId));
        p.Add(Parameter("outcome", NpgsqlDbType.Text, access.Outcome.ToString()));
        p.Add(Parameter("user_id", NpgsqlDbType.Text, actor.UserId));
        p.Add(Parameter("user_name", NpgsqlDbType.Text, actor.UserName));
        p.Add(Parameter("responsible_user_id", NpgsqlDbType.Text, actor.ResponsibleUserId));
        p.Add(Parameter("responsible_user_name", NpgsqlDbType.Text, actor.ResponsibleUserName));
        p.Add(Parameter("organisation_id", NpgsqlDbType.Uuid, actor.OrganisationId));
        p.Add(Parameter("organisation_name", NpgsqlDbType.Text, actor.OrganisationName));
        p.Add(Parameter("client_id", NpgsqlDbType.Text, actor.ClientId));
        p.Add(Parameter("ip_address", NpgsqlDbType.Inet, actor.IpAddress));
        p.Add(Parameter("user_agent", NpgsqlDbType.Text, actor.UserAgent));
        p.Add(Parameter("access_point", NpgsqlDbType.Text, actor.AccessPoint));
        return command;
    }

    private static NpgsqlParameter Parameter(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };

    [LoggerMessage(LogLevel.Error, "Could not write the access log ({Action} of {Resource}); the access is refused")]
    private static partial void LogWriteFailed(ILogger logger, AccessAction action, string resource, Exception e);
}

/// <summary>Who accessed, and from where, as the access log records it.</summary>
internal sealed record AccessActor(
    string UserId,
    string UserName,
    string? ResponsibleUserId,
    string? ResponsibleUserName,
    Guid? OrganisationId,
    string? OrganisationName,
    string? ClientId,
    IPAddress? IpAddress,
    string? UserAgent,
    string? AccessPoint)
{
    /// <summary>The actor outside any HTTP request: scheduled work, message handlers, start-up.</summary>
    public const string System = "system";

    public const string Anonymous = "anonymous";

    public const int UserAgentMaxLength = 512;

    public static AccessActor From(HttpContext? http)
    {
        if (http is null)
        {
            return new AccessActor(System, System, null, null, null, null, null, null, null, null);
        }

        var ip = http.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : http.Connection.RemoteIpAddress;
        var userAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent
            ? agent[..Math.Min(agent.Length, UserAgentMaxLength)]
            : null;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var accessPoint = route is null ? null : $"{http.Request.Method} /{route.TrimStart('/')}";

        var principal = http.User;
        if (CareUser.From(principal) is { } user)
        {
            return new AccessActor(
                user.UserId.ToString(), user.Name,
                user.ResponsibleUserId.ToString(), user.ResponsibleUserName,
                user.OrganisationId, user.OrganisationName,
                user.ClientId, ip, userAgent, accessPoint);
        }

        if (principal.Identity?.IsAuthenticated == true)
        {
            // A token without a care provider's claims, such as an integration client's.
            var clientId = principal.FindFirst(SchakelClaims.ClientId)?.Value;
            var id = principal.FindFirst(SchakelClaims.Subject)?.Value ?? clientId ?? "unknown";
            return new AccessActor(
                id, principal.FindFirst(SchakelClaims.Name)?.Value ?? id, null, null, null, null, clientId, ip, userAgent, accessPoint);
        }

        return new AccessActor(Anonymous, Anonymous, null, null, null, null, null, ip, userAgent, accessPoint);
    }
}

/// <summary>Patients appear in the access log only by their pseudonymous reference.</summary>
public static class PatientReference
{
    /// <summary>What the log records for a search that names no patient.</summary>
    public const string Any = "*";

    public const int MaxLength = 100;

    /// <summary>
    /// True when the value is, or holds, a BSN (nine digits passing the eleven-proof, also when
    /// written with spaces, dots or dashes): a real identifier where a pseudonym belongs.
    /// </summary>
    public static bool LooksLikeBsn(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var digits = new string(value.Where(c => c is not (' ' or '.' or '-')).ToArray());
        return CareIdentifiers.IsBsn(digits) || CareIdentifiers.ContainsBsn(value);
    }

    public static void EnsurePseudonymous(string? value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"A patient reference is at most {MaxLength} characters.", parameterName);
        }

        if (LooksLikeBsn(value))
        {
            // Never echo the value: it is a BSN.
            throw new ArgumentException("The patient reference looks like a BSN; the access log takes pseudonymous references only.", parameterName);
        }
    }
}
