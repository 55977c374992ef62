using Schakel.BuildingBlocks.Notifications;

namespace Schakel.Host.Notifications.Email;

/// <summary>
/// Delivers e-mail from the durable local queue "email"; what happens when the mail server fails
/// is <see cref="EmailDelivery"/>'s retry policy.
/// </summary>
public static class SendEmailHandler
{
    public static Task Handle(SendEmail command, IEmailSender sender, CancellationToken cancellationToken) =>
        sender.SendAsync(command.Message, cancellationToken);
}
