namespace Schakel.Host.Resources;

/// <summary>Marker for the portal shell's texts (PortalText.*.resx).</summary>
public sealed class PortalText;
