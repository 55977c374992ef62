namespace Schakel.BuildingBlocks.Notifications;

/// <summary>
/// Deliver this e-mail. Return it from a handler or endpoint (or publish it) and Wolverine stores
/// it with the same transaction in its durable outbox; the host delivers it from a durable local
/// queue with retries, so an unreachable mail server delays mail but does not lose it
/// (docs/adr/0008). No patient data: see <see cref="EmailMessage"/>.
/// </summary>
public sealed record SendEmail(EmailMessage Message)
{
    /// <summary>Stable name of the stored message: change only by adding a new version.</summary>
    public const string MessageIdentity = "notifications.send-email.v1";
}
