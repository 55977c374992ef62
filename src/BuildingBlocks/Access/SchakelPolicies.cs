namespace Schakel.BuildingBlocks.Access;

/// <summary>
/// Authorization policies the host defines and modules use on their endpoints and pages
/// (<c>[Authorize(Policy = SchakelPolicies.GpSide)]</c>). Resource checks (same practice, same
/// pool) come on top, in the module, with <see cref="CareUser"/>.
/// </summary>
public static class SchakelPolicies
{
    /// <summary>A care provider signed in with two factors, or an integration client with a valid token.</summary>
    public const string CareProvider = "care-provider";

    /// <summary>GP or practice nurse (or a GP information system client).</summary>
    public const string GpSide = "gp-side";

    /// <summary>Internist, rheumatologist or osteoporosis nurse.</summary>
    public const string SpecialistSide = "specialist-side";

    public const string Coordinator = "coordinator";

    public const string Administrator = "administrator";

    /// <summary>May query the access log (coordinator as privacy contact, administrator).</summary>
    public const string AccessLogReader = "access-log-reader";
}

/// <summary>OAuth scopes, one per module API; a token's audience is the module it may call.</summary>
public static class SchakelScopes
{
    public const string Consultation = "consultation";
    public const string Referral = "referral";
    public const string SocialMap = "socialmap";

    /// <summary>The regional indicators (read only), for example for a region's own reporting tool.</summary>
    public const string Indicators = "indicators";

    public static readonly IReadOnlyList<string> All = [Consultation, Referral, SocialMap, Indicators];
}
