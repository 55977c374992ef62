using System.Security.Claims;

namespace Schakel.BuildingBlocks.Access;

/// <summary>The claim types Schakel puts in its sessions and tokens.</summary>
public static class SchakelClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Organisation = "schakel_org";
    public const string OrganisationKind = "schakel_org_kind";
    public const string OrganisationName = "schakel_org_name";

    /// <summary>The specialty pool of hospital staff (internal medicine or rheumatology).</summary>
    public const string Pool = "schakel_pool";

    /// <summary>The care provider responsible for what this user does: the user, or for a practice nurse her GP.</summary>
    public const string ResponsibleUser = "schakel_responsible";

    public const string ResponsibleUserName = "schakel_responsible_name";

    /// <summary>The server-side session this cookie or token belongs to; ending it signs the user out everywhere it is used.</summary>
    public const string Session = "schakel_sid";

    /// <summary>Authentication methods (RFC 8176): "pwd" and "otp" after a full sign-in.</summary>
    public const string AuthenticationMethod = "amr";

    public const string ClientId = "client_id";
}

/// <summary>What kind of organisation a user works for.</summary>
public enum OrganisationKind
{
    GpPractice,
    Hospital,
    TherapistPractice,
    Region,
}

/// <summary>The specialty pools that answer consultation questions in a hospital.</summary>
public enum SpecialtyPool
{
    InternalMedicine,
    Rheumatology,
}

/// <summary>
/// The signed-in care provider (or integration client) as modules see it. Built from the
/// claims of the portal cookie or an access token; modules use it for their resource checks.
/// </summary>
public sealed record CareUser(
    Guid UserId,
    string Name,
    IReadOnlySet<string> Roles,
    Guid OrganisationId,
    OrganisationKind OrganisationKind,
    string OrganisationName,
    SpecialtyPool? Pool,
    Guid ResponsibleUserId,
    string ResponsibleUserName,
    string? ClientId)
{
    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>GP, practice nurse, or a GP information system acting for a practice.</summary>
    public bool IsGpSide => OrganisationKind == OrganisationKind.GpPractice;

    /// <summary>Internist, rheumatologist or osteoporosis nurse of a hospital.</summary>
    public bool IsSpecialistSide => OrganisationKind == OrganisationKind.Hospital;

    /// <summary>A practice nurse acts on behalf of a named GP, who is recorded as responsible.</summary>
    public bool ActsOnBehalfOfSomeoneElse => ResponsibleUserId != UserId;

    /// <summary>Reads the user from a principal; null when it lacks the claims of a Schakel sign-in.</summary>
    public static CareUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirst(SchakelClaims.Subject)?.Value, out var userId)
            || !Guid.TryParse(principal.FindFirst(SchakelClaims.Organisation)?.Value, out var organisationId)
            || !Enum.TryParse<OrganisationKind>(principal.FindFirst(SchakelClaims.OrganisationKind)?.Value, out var kind))
        {
            return null;
        }

        var responsible = Guid.TryParse(principal.FindFirst(SchakelClaims.ResponsibleUser)?.Value, out var r) ? r : userId;
        var name = principal.FindFirst(SchakelClaims.Name)?.Value ?? "";
        return new CareUser(
            userId,
            name,
            principal.FindAll(SchakelClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            organisationId,
            kind,
            principal.FindFirst(SchakelClaims.OrganisationName)?.Value ?? "",
            Enum.TryParse<SpecialtyPool>(principal.FindFirst(SchakelClaims.Pool)?.Value, out var pool) ? pool : null,
            responsible,
            principal.FindFirst(SchakelClaims.ResponsibleUserName)?.Value ?? name,
            principal.FindFirst(SchakelClaims.ClientId)?.Value);
    }
}
