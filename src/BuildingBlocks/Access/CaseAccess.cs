namespace Schakel.BuildingBlocks.Access;

/// <summary>Where a patient's case lives: the GP practice that asked, and the hospital pool that answers.</summary>
public sealed record CaseOwners(Guid PracticeId, Guid HospitalId, SpecialtyPool Pool, IReadOnlySet<Guid>? SharedWith = null);

/// <summary>
/// Who may see a patient's case (issue 3, point 5). The GP side sees the cases of its own practice;
/// the specialist side those of its own hospital's pool; a coordinator sees aggregates, and a case
/// only when it is shared with her. Everyone else sees nothing, and a case one may not see is
/// answered as "not found" (404), never "forbidden", so that its existence does not leak.
/// </summary>
public static class CaseAccess
{
    public static bool MaySee(CareUser user, CaseOwners owners)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(owners);
        return user.OrganisationKind switch
        {
            OrganisationKind.GpPractice => user.OrganisationId == owners.PracticeId,
            OrganisationKind.Hospital => user.OrganisationId == owners.HospitalId && user.Pool == owners.Pool,
            _ => owners.SharedWith?.Contains(user.UserId) == true,
        };
    }
}
