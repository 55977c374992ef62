namespace Schakel.BuildingBlocks.Notifications;

/// <summary>
/// Hands one e-mail to the mail server, now. Most code should not call this: return or publish a
/// <see cref="SendEmail"/> instead, so the e-mail goes out only when the transaction commits and
/// is retried while the mail server is unreachable.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
