using Schakel.BuildingBlocks.Notifications;
using Schakel.Host.Notifications.Email;
using Wolverine;

namespace Schakel.Host.Identity;

/// <summary>
/// The e-mails identity sends: a password-reset link and an invitation link. They carry a link
/// and a name, never patient data.
/// </summary>
public interface IAccountMail
{
    Task SendPasswordResetAsync(CareAccount account, Uri link, TimeSpan validFor, CancellationToken ct);

    Task SendInvitationAsync(CareAccount account, string organisationName, string invitedBy, Uri link, TimeSpan validFor, CancellationToken ct);
}

/// <summary>Renders the Dutch templates and hands the mail to the durable e-mail queue (docs/adr/0008).</summary>
public sealed class AccountMail(EmailTemplates templates, IMessageBus bus, TimeProvider clock) : IAccountMail
{
    public Task SendPasswordResetAsync(CareAccount account, Uri link, TimeSpan validFor, CancellationToken ct) =>
        bus.PublishAsync(new SendEmail(templates.PasswordReset(account.Email!, account.DisplayName, new PasswordResetEmail(link, validFor)))).AsTask();

    public Task SendInvitationAsync(CareAccount account, string organisationName, string invitedBy, Uri link, TimeSpan validFor, CancellationToken ct) =>
        bus.PublishAsync(new SendEmail(templates.Invitation(
            account.Email!, account.DisplayName, new InvitationEmail(invitedBy, organisationName, link, clock.GetUtcNow().Add(validFor))))).AsTask();
}
