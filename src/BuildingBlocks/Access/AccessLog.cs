namespace Schakel.BuildingBlocks.Access;

/// <summary>What was done with patient data (NEN 7513).</summary>
public enum AccessAction
{
    Read,
    Search,
    Create,
    Change,
    Export,
    Print,
}

public enum AccessOutcome
{
    Allowed,
    Denied,
    NotFound,
}

/// <summary>
/// One access to patient data. <see cref="PatientReference"/> is the pseudonymous patient
/// reference, never a BSN or name; <see cref="Resource"/> names what was touched
/// ("consultation.question"), <see cref="ResourceId"/> which one.
/// </summary>
public sealed record PatientDataAccess(
    AccessAction Action,
    string PatientReference,
    string Resource,
    string? ResourceId = null,
    AccessOutcome Outcome = AccessOutcome.Allowed);

/// <summary>
/// The one way to write the NEN 7513 access log. The host's implementation adds who (user,
/// responsible user, organisation), when (UTC) and from where (IP, user agent or client id),
/// and writes to an append-only table that the application cannot change afterwards.
/// </summary>
public interface IAccessLog
{
    Task RecordAsync(PatientDataAccess access, CancellationToken ct = default);

    /// <summary>
    /// Records several accesses of one request (a list of many patients) together: all or none, in
    /// one transaction, so a list of 500 patients costs one commit instead of 500.
    /// </summary>
    Task RecordAllAsync(IReadOnlyCollection<PatientDataAccess> accesses, CancellationToken ct = default);
}

public static class AccessLogLists
{
    /// <summary>A list shown to the user: one "search" access per distinct patient in it, written together.</summary>
    public static Task RecordListAsync(this IAccessLog accessLog, IEnumerable<string> patientReferences, string resource, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(accessLog);
        ArgumentNullException.ThrowIfNull(patientReferences);
        return accessLog.RecordAllAsync(
            patientReferences.Distinct(StringComparer.Ordinal).Select(patient => new PatientDataAccess(AccessAction.Search, patient, resource)).ToList(), ct);
    }
}
