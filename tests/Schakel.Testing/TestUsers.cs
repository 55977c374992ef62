using System.Globalization;
using System.Security.Claims;
using Alba;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Testing;

/// <summary>
/// The people of a test, as the product sees them after a two-factor sign-in:
/// <c>scenario.As(TestUsers.Gp(practice))</c>.
/// </summary>
public static class TestUsers
{
    public static readonly Guid RegionId = Guid.Parse("0198f3a0-0000-7000-8000-000000000001");

    public static CareUser Gp(Guid practiceId, string name = "Dr. A. de Vries", string practiceName = "Huisartsenpraktijk De Linde") =>
        Self(name, Roles(SchakelRoles.GeneralPractitioner), practiceId, OrganisationKind.GpPractice, practiceName);

    /// <summary>A practice nurse works on behalf of a GP of the same practice, who is responsible.</summary>
    public static CareUser PracticeNurse(CareUser gp, string name = "M. Jansen") =>
        new(Guid.CreateVersion7(), name, Roles(SchakelRoles.PracticeNurse), gp.OrganisationId, OrganisationKind.GpPractice,
            gp.OrganisationName, null, gp.UserId, gp.Name, null);

    public static CareUser Internist(Guid hospitalId, string name = "Dr. K. Bakker", string hospitalName = "Ziekenhuis Hart van Brabant") =>
        Self(name, Roles(SchakelRoles.Internist), hospitalId, OrganisationKind.Hospital, hospitalName) with { Pool = SpecialtyPool.InternalMedicine };

    public static CareUser Rheumatologist(Guid hospitalId, string name = "Dr. J. Schellekens", string hospitalName = "Ziekenhuis Hart van Brabant") =>
        Self(name, Roles(SchakelRoles.Rheumatologist), hospitalId, OrganisationKind.Hospital, hospitalName) with { Pool = SpecialtyPool.Rheumatology };

    /// <summary>The regional coordinator, also the privacy contact who reads the access log.</summary>
    public static CareUser Coordinator(string name = "R. Coördinator") =>
        Self(name, Roles(SchakelRoles.Coordinator), RegionId, OrganisationKind.Region, "Regio Midden-Brabant");

    public static CareUser Administrator(string name = "B. Beheerder") =>
        Self(name, Roles(SchakelRoles.Administrator), RegionId, OrganisationKind.Region, "Regio Midden-Brabant");

    /// <summary>A GP information system calling the API for its practice with client credentials.</summary>
    public static CareUser GpInformationSystem(Guid practiceId, string clientId = "his-de-linde", string practiceName = "Huisartsenpraktijk De Linde") =>
        Self($"HIS {practiceName}", Roles(SchakelRoles.GeneralPractitioner), practiceId, OrganisationKind.GpPractice, practiceName) with { ClientId = clientId };

    /// <summary>The same person as an account of the identity store (<see cref="Given.AnAccountAsync"/>), so the directory knows her.</summary>
    public static CareUser WithAccount(this CareUser user, Person person)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(person);
        var self = user.ResponsibleUserId == user.UserId;
        return user with { UserId = person.Id, ResponsibleUserId = self ? person.Id : user.ResponsibleUserId };
    }

    /// <summary>The claims a Schakel sign-in (or token) carries for this user.</summary>
    public static IReadOnlyList<Claim> ClaimsOf(CareUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(SchakelClaims.Subject, user.UserId.ToString()),
            new(SchakelClaims.Name, user.Name),
            new(SchakelClaims.Organisation, user.OrganisationId.ToString()),
            new(SchakelClaims.OrganisationKind, user.OrganisationKind.ToString()),
            new(SchakelClaims.OrganisationName, user.OrganisationName),
            new(SchakelClaims.ResponsibleUser, user.ResponsibleUserId.ToString()),
            new(SchakelClaims.ResponsibleUserName, user.ResponsibleUserName),
            new(SchakelClaims.Session, Guid.CreateVersion7().ToString()),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(SchakelClaims.Role, r)));
        if (user.Pool is { } pool)
        {
            claims.Add(new Claim(SchakelClaims.Pool, pool.ToString()));
        }

        if (user.ClientId is { } clientId)
        {
            claims.Add(new Claim(SchakelClaims.ClientId, clientId));
        }

        return claims;
    }

    public static ClaimsPrincipal PrincipalOf(CareUser user) => TestAuthentication.Principal(ClaimsOf(user));

    /// <summary>Sends the scenario's request as this user.</summary>
    public static Scenario As(this Scenario scenario, CareUser user)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.WithRequestHeader(TestAuthentication.Header, TestAuthentication.Encode(ClaimsOf(user)));
        return scenario;
    }

    private static CareUser Self(string name, IReadOnlySet<string> roles, Guid organisationId, OrganisationKind kind, string organisationName)
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, name, roles, organisationId, kind, organisationName, null, id, name, null);
    }

    private static HashSet<string> Roles(params string[] roles) => new(roles, StringComparer.Ordinal);
}

public static class TestPatients
{
    /// <summary>
    /// A fresh pseudonymous patient reference, so tests never see each other's entries. Dashed, so no run
    /// of nine digits (a possible BSN) can occur in it.
    /// </summary>
    /// <summary>Letters only, like the product's pseudonyms: digits could form a run that passes the BSN eleven-proof.</summary>
    public static string NewReference() =>
        "pat-" + new string(Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture).Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c).ToArray());
}
