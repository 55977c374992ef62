namespace Schakel.Host.Notifications.Centre.Resources;

/// <summary>Marker for the notification centre's texts (NotificationPageText.*.resx).</summary>
public sealed class NotificationPageText;
