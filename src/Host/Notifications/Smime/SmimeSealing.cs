using System.Security.Cryptography.X509Certificates;
using Marten;
using MimeKit;
using MimeKit.Cryptography;
using Microsoft.Extensions.Options;
using Schakel.BuildingBlocks.Notifications;

namespace Schakel.Host.Notifications.Smime;

/// <summary>
/// Signs an e-mail's body with the organisation's certificate and encrypts it for the recipient's
/// certificate on file (S/MIME: application/pkcs7-mime enveloped-data around multipart/signed, the
/// form Outlook and Thunderbird read). A notice to a recipient without a valid certificate goes as
/// it is; a clinical e-mail never does: it is refused for good (docs/adr/0019).
/// </summary>
public sealed partial class SmimeSealing(
    IDocumentStore store, OrganisationCertificate organisation, IOptions<SmimeOptions> options, TimeProvider clock, ILogger<SmimeSealing> logger)
{
    /// <summary>The body to send: sealed when the recipient has a valid certificate and we can sign.</summary>
    public async Task<MimeEntity> SealAsync(EmailMessage message, MimeEntity body, CancellationToken cancellationToken)
    {
        var signer = organisation.Current;
        var recipient = await FindValidAsync(message.ToAddress, cancellationToken);
        if (signer is null || recipient is null)
        {
            if (message.Content == EmailContent.Clinical)
            {
                throw new ClinicalEmailNotEncryptableException(signer is null
                    ? "no S/MIME signing certificate is configured"
                    : "the recipient has no valid S/MIME certificate on file");
            }

            return body;
        }

        using (recipient)
        {
            WarnIfExpiringSoon("signing", signer);
            WarnIfExpiringSoon("recipient", recipient);
            return Seal(body, signer, recipient);
        }
    }

    /// <summary>Sign with <paramref name="signer"/> (which holds its private key), then encrypt for <paramref name="recipient"/>.</summary>
    public static MimeEntity Seal(MimeEntity body, X509Certificate2 signer, X509Certificate2 recipient)
    {
        using var context = new TemporarySecureMimeContext();
        var signed = MultipartSigned.Create(context, new CmsSigner(signer) { DigestAlgorithm = DigestAlgorithm.Sha256 }, body);
        var recipients = new CmsRecipientCollection { new CmsRecipient(recipient) { EncryptionAlgorithms = [EncryptionAlgorithm.Aes256] } };
        return ApplicationPkcs7Mime.Encrypt(context, recipients, signed);
    }

    /// <summary>Besides the flag on the administrator's page: the thumbprint, never the address (personal data).</summary>
    private void WarnIfExpiringSoon(string role, X509Certificate2 certificate)
    {
        var validTo = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        if (validTo - clock.GetUtcNow() <= TimeSpan.FromDays(options.Value.ExpiryWarningDays))
        {
            LogExpiringSoon(logger, role, certificate.Thumbprint, validTo);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The S/MIME {Role} certificate {Thumbprint} expires at {ValidTo}; replace it on /beheer/certificaten (or in Schakel:Smime:SigningCertificate)")]
    private static partial void LogExpiringSoon(ILogger logger, string role, string thumbprint, DateTimeOffset validTo);

    private async Task<X509Certificate2?> FindValidAsync(string address, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var onFile = await session.LoadAsync<RecipientCertificate>(RecipientCertificate.IdOf(address), cancellationToken);
        return onFile is not null && onFile.IsValidAt(clock.GetUtcNow()) ? onFile.Load() : null;
    }
}

/// <summary>
/// A clinical e-mail could not be encrypted, so it was not sent. Permanent: the message goes to
/// the dead letters, from where it can be replayed once the certificate is on file. The reason
/// names no address or content.
/// </summary>
public sealed class ClinicalEmailNotEncryptableException(string reason)
    : InvalidOperationException($"A clinical e-mail is sent only signed and encrypted with S/MIME, and {reason}; it was not sent.");
