namespace Schakel.Host.Audit.Resources;

/// <summary>Marker for the access log pages' texts (AccessLogText.*.resx).</summary>
public sealed class AccessLogText;
