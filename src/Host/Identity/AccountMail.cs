namespace Schakel.Host.Identity;

/// <summary>
/// The e-mails identity sends: a password-reset link and an invitation link. They carry a link
/// and a name, never patient data. Implemented on top of the notification e-mail (outbox + SMTP).
/// </summary>
public interface IAccountMail
{
    Task SendPasswordResetAsync(CareAccount account, Uri link, TimeSpan validFor, CancellationToken ct);

    Task SendInvitationAsync(CareAccount account, string organisationName, string invitedBy, Uri link, TimeSpan validFor, CancellationToken ct);
}
