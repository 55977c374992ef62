namespace Schakel.SocialMap.Resources;

/// <summary>Marker for the social-map module's portal texts (SocialMapText.*.resx).</summary>
public sealed class SocialMapText;
