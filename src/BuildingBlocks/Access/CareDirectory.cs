namespace Schakel.BuildingBlocks.Access;

/// <summary>An active care provider as the directory knows her: who, where, which roles; never a password or a secret.</summary>
public sealed record CareProvider(Guid UserId, string Name, string Email, IReadOnlySet<string> Roles, Guid OrganisationId, SpecialtyPool? Pool);

/// <summary>An organisation as the directory knows it.</summary>
public sealed record CareOrganisation(Guid Id, string Name);

/// <summary>
/// Who works where, for modules that must find colleagues (a pool's specialists for assignment and
/// reminders, a hospital's osteoporosis nurses for alerts). The host answers it from the identity
/// store; deactivated accounts are never returned. A port, so modules never touch identity tables.
/// </summary>
public interface ICareDirectory
{
    /// <summary>The active specialists (internist, rheumatologist) of a hospital's specialty pool.</summary>
    Task<IReadOnlyList<CareProvider>> SpecialistsOfAsync(Guid hospitalId, SpecialtyPool pool, CancellationToken ct);

    /// <summary>The active people of an organisation who hold one of the roles.</summary>
    Task<IReadOnlyList<CareProvider>> PeopleWithRoleAsync(Guid organisationId, IReadOnlyCollection<string> roles, CancellationToken ct);

    /// <summary>The hospitals of the region, by name.</summary>
    Task<IReadOnlyList<CareOrganisation>> HospitalsAsync(CancellationToken ct) => OrganisationsAsync(OrganisationKind.Hospital, ct);

    /// <summary>The region's organisations of one kind (hospitals, GP practices), by name.</summary>
    Task<IReadOnlyList<CareOrganisation>> OrganisationsAsync(OrganisationKind kind, CancellationToken ct);

    /// <summary>One active person, or null (unknown or deactivated).</summary>
    Task<CareProvider?> FindAsync(Guid userId, CancellationToken ct);
}
