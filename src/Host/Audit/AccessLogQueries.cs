using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Host.Audit;

/// <summary>One entry of the access log as readers see it.</summary>
public sealed record AccessLogEntry(
    long Id,
    DateTimeOffset OccurredAt,
    AccessAction Action,
    string PatientReference,
    string Resource,
    string? ResourceId,
    AccessOutcome Outcome,
    string UserId,
    string UserName,
    string? ResponsibleUserId,
    string? ResponsibleUserName,
    Guid? OrganisationId,
    string? OrganisationName,
    string? ClientId,
    string? IpAddress,
    string? UserAgent,
    string? AccessPoint)
{
    public bool ActedForSomeoneElse => ResponsibleUserId is not null && ResponsibleUserId != UserId;
}

public sealed record AccessLogPage(IReadOnlyList<AccessLogEntry> Entries, int Page, int PageSize, bool HasMore);

/// <summary>"Who has seen my data?": one patient's entries, per user and organisation, newest first.</summary>
public sealed record PatientAccessOverview(string PatientReference, IReadOnlyList<AccessesByUser> Users, bool Truncated);

public sealed record AccessesByUser(
    string UserId,
    string UserName,
    string? OrganisationName,
    string? ClientId,
    IReadOnlyList<AccessLogEntry> Accesses);

/// <summary>
/// Reads the access log for those who may (policy <see cref="SchakelPolicies.AccessLogReader"/>).
/// Every read is itself an access to patient data and is logged first: when that fails, nothing is read.
/// </summary>
public sealed class AccessLogQueries(AccessLogDatabase database, IAccessLog accessLog)
{
    /// <summary>What a search of the log records as its resource.</summary>
    public const string Resource = AccessLogDatabase.Table;

    /// <summary>The most entries the per-patient overview shows.</summary>
    public const int OverviewLimit = 1000;

    private const string Columns = """
        id, occurred_at, action, patient_ref, resource, resource_id, outcome, user_id, user_name,
        responsible_user_id, responsible_user_name, organisation_id, organisation_name, client_id,
        ip_address, user_agent, access_point
        """;

    public async Task<AccessLogPage> SearchAsync(SearchAccessLog query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var patient = string.IsNullOrWhiteSpace(query.Patient) ? null : query.Patient.Trim();
        await accessLog.RecordAsync(
            new PatientDataAccess(AccessAction.Search, patient ?? PatientReference.Any, Resource, Describe(query)), ct);

        var where = new List<string>();
        await using var command = database.DataSource.CreateCommand();
        if (patient is not null)
        {
            where.Add("patient_ref = @patient");
            command.Parameters.Add(new NpgsqlParameter("patient", NpgsqlDbType.Text) { Value = patient });
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim();
            if (Guid.TryParse(user, out var userId))
            {
                where.Add("(user_id = @user or responsible_user_id = @user)");
                command.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = userId.ToString() });
            }
            else
            {
                where.Add("(user_id = @user or user_name ilike @user_name escape '\\')");
                command.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = user });
                command.Parameters.Add(new NpgsqlParameter("user_name", NpgsqlDbType.Text) { Value = $"%{EscapeLike(user)}%" });
            }
        }

        if (query.From is { } from)
        {
            where.Add("occurred_at >= @from");
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = from.UtcDateTime });
        }

        if (query.To is { } to)
        {
            where.Add("occurred_at <= @to");
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = to.UtcDateTime });
        }

        var size = query.EntriesPerPage;
        command.Parameters.Add(new NpgsqlParameter("take", NpgsqlDbType.Integer) { Value = size + 1 });
        command.Parameters.Add(new NpgsqlParameter("skip", NpgsqlDbType.Bigint) { Value = (long)(query.PageNumber - 1) * size });
        command.CommandText = $"""
            select {Columns} from audit.access_log
            {(where.Count == 0 ? "" : "where " + string.Join(" and ", where))}
            order by occurred_at desc, id desc
            limit @take offset @skip
            """;

        var entries = await ReadAsync(command, ct);
        return new AccessLogPage(entries.Take(size).ToList(), query.PageNumber, size, entries.Count > size);
    }

    public async Task<PatientAccessOverview> OverviewForPatientAsync(string patientReference, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientReference);
        var patient = patientReference.Trim();
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Search, patient, Resource, "overview"), ct);

        await using var command = database.DataSource.CreateCommand($"""
            select {Columns} from audit.access_log
            where patient_ref = @patient
            order by occurred_at desc, id desc
            limit @take
            """);
        command.Parameters.Add(new NpgsqlParameter("patient", NpgsqlDbType.Text) { Value = patient });
        command.Parameters.Add(new NpgsqlParameter("take", NpgsqlDbType.Integer) { Value = OverviewLimit + 1 });
        var entries = await ReadAsync(command, ct);

        var users = entries.Take(OverviewLimit)
            .GroupBy(e => (e.UserId, e.OrganisationId))
            .Select(g => new AccessesByUser(g.Key.UserId, g.First().UserName, g.First().OrganisationName, g.First().ClientId, g.ToList()))
            .ToList();
        return new PatientAccessOverview(patient, users, entries.Count > OverviewLimit);
    }

    /// <summary>What was searched besides the patient, so the log of a search says what it looked for.</summary>
    private static string? Describe(SearchAccessLog query)
    {
        var parts = new StringBuilder();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Append(parts.Length == 0 ? "" : "; ").Append(name).Append('=')
                    .Append(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value);
            }
        }

        Add("user", string.IsNullOrWhiteSpace(query.User) ? null : query.User.Trim());
        Add("from", query.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add("to", query.To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add("page", query.Page);
        return parts.Length == 0 ? null : parts.ToString();
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private static async Task<List<AccessLogEntry>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var entries = new List<AccessLogEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new AccessLogEntry(
                reader.GetInt64(0),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero),
                Enum.Parse<AccessAction>(reader.GetString(2)),
                reader.GetString(3),
                reader.GetString(4),
                Text(reader, 5),
                Enum.Parse<AccessOutcome>(reader.GetString(6)),
                reader.GetString(7),
                reader.GetString(8),
                Text(reader, 9),
                Text(reader, 10),
                reader.IsDBNull(11) ? null : reader.GetGuid(11),
                Text(reader, 12),
                Text(reader, 13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<IPAddress>(14).ToString(),
                Text(reader, 15),
                Text(reader, 16)));
        }

        return entries;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
