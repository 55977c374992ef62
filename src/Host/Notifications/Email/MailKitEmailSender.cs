using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Host.Notifications.Smime;

namespace Schakel.Host.Notifications.Email;

/// <summary>
/// Hands an e-mail to the configured SMTP server with MailKit, one connection per e-mail. When the
/// recipient's certificate is on file the body is signed and encrypted first (<see cref="SmimeSealing"/>);
/// a clinical e-mail that cannot be encrypted is refused before any connection is made.
/// </summary>
internal sealed class MailKitEmailSender(IOptions<SmtpOptions> options, SmimeSealing sealing, SentEmails sent, ILogger<MailKitEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException($"No mail server is configured: set {SmtpOptions.Section}:Host.");
        }

        using var mime = ToMime(message, smtp);
        mime.Body = await sealing.SealAsync(message, mime.Body, cancellationToken);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, ToMailKit(smtp.SslMode), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);

        // The server has accepted the e-mail: record that at once, and from here on nothing may
        // fail the handler, or the retry would send it a second time.
        await sent.RecordAcceptedAsync(message.Id);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException or TimeoutException)
        {
            logger.LogWarning("E-mail {MessageId} was accepted, but saying goodbye to the mail server failed: {Error}", mime.MessageId, e.GetType().Name);
        }

        // The message id only: the address is personal data too.
        logger.LogInformation("E-mail {MessageId} handed to the mail server ({Protection})", mime.MessageId,
            mime.Body is MimeKit.Cryptography.ApplicationPkcs7Mime ? "signed and encrypted" : "in clear");
    }

    /// <summary>
    /// The Message-Id header of <paramref name="message"/>: its stable <see cref="EmailMessage.Id"/>
    /// at the sender's domain, the same on every retry and replay.
    /// </summary>
    internal static string MessageIdFor(EmailMessage message, SmtpOptions smtp)
    {
        var at = smtp.FromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < smtp.FromAddress.Length - 1 ? smtp.FromAddress[(at + 1)..] : "schakel.invalid";
        return $"{message.Id:N}@{domain}";
    }

    internal static MimeMessage ToMime(EmailMessage message, SmtpOptions smtp)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
            MessageId = MessageIdFor(message, smtp),
        };
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        // RFC 3834: out-of-office robots should not answer.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }

    private static SecureSocketOptions ToMailKit(SmtpSslMode mode) => mode switch
    {
        SmtpSslMode.None => SecureSocketOptions.None,
        SmtpSslMode.StartTls => SecureSocketOptions.StartTls,
        SmtpSslMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
