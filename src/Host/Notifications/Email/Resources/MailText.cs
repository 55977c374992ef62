namespace Schakel.Host.Notifications.Email.Resources;

/// <summary>Marker for the e-mail pages' texts (MailText.*.resx): undeliverable e-mail, and the demo's caught e-mail.</summary>
public sealed class MailText;
