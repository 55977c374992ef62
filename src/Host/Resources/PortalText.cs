namespace Schakel.Host.Resources;

/// <summary>Marker for the portal shell's texts (PortalText.*.resx).</summary>
public sealed class PortalText;

/// <summary>Marker for the sign-in and account pages' texts (AccountText.*.resx).</summary>
public sealed class AccountText;
