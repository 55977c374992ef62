using Microsoft.AspNetCore.Identity;
using Schakel.BuildingBlocks.Access;

namespace Schakel.Host.Identity;

/// <summary>
/// A care provider's (or coordinator's, administrator's) account. Identity is stored in rows, not
/// events (docs/adr/0003): ASP.NET Core Identity and OpenIddict own this storage model.
/// </summary>
public sealed class CareAccount : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>For hospital staff: the specialty pool whose cases they see.</summary>
    public SpecialtyPool? Pool { get; set; }

    /// <summary>AGB person code (8 digits), when the user has one.</summary>
    public string? AgbCode { get; set; }

    /// <summary>BIG register number (11 digits), when the user has one.</summary>
    public string? BigNumber { get; set; }

    /// <summary>A practice nurse acts on behalf of this GP of the same practice; that GP is recorded as responsible.</summary>
    public Guid? ActsOnBehalfOfId { get; set; }

    public CareAccount? ActsOnBehalfOf { get; set; }

    /// <summary>A deactivated account cannot sign in and its sessions and tokens have ended.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>The last TOTP time step accepted, so that a code cannot be used twice.</summary>
    public long LastTotpTimeStep { get; set; }

    /// <summary>The confirmed TOTP secret, protected with data protection.</summary>
    public string? AuthenticatorKey { get; set; }

    /// <summary>A TOTP secret shown during enrolment but not yet confirmed with a code (protected).</summary>
    public string? PendingAuthenticatorKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A GP practice, a hospital, a therapist practice or the region (for coordinators and administrators).</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    public OrganisationKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>AGB code of the practice or institution (8 digits); none for the region.</summary>
    public string? AgbCode { get; set; }

    public string? City { get; set; }

    /// <summary>For hospitals: the locations by name.</summary>
    public List<string> Locations { get; set; } = [];

    /// <summary>For hospitals: the specialty pools that answer questions.</summary>
    public List<SpecialtyPool> Pools { get; set; } = [];
}

/// <summary>
/// A server-side sign-in session. The portal cookie only carries this session's key; ending the
/// row (logout, deactivation, "end this session") signs the user out at once.
/// </summary>
public sealed class CareSession
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>When the user last proved password and code again, for changes to e-mail or two-factor settings.</summary>
    public DateTimeOffset? ReauthenticatedAt { get; set; }

    /// <summary>The authentication ticket, protected with data protection.</summary>
    public byte[] Ticket { get; set; } = [];
}

/// <summary>An OpenIddict signing or encryption certificate, kept so that tokens survive restarts.</summary>
public sealed class ServerCredential
{
    public string Purpose { get; set; } = "";

    /// <summary>PKCS#12 bytes, protected with data protection.</summary>
    public byte[] Protected { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
