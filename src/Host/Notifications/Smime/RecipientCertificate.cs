using System.Security.Cryptography.X509Certificates;

namespace Schakel.Host.Notifications.Smime;

/// <summary>
/// A recipient's public certificate, put on file by an administrator: e-mail to this address is
/// signed and encrypted for it. One per address; a new upload replaces the old one. The id is the
/// address in lower case.
/// </summary>
public sealed record RecipientCertificate(
    string Id,
    string Subject,
    string Issuer,
    string Thumbprint,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    byte[] Der,
    DateTimeOffset UploadedAt,
    string UploadedBy)
{
    public static string IdOf(string address) => address.Trim().ToLowerInvariant();

    public bool IsValidAt(DateTimeOffset now) => ValidFrom <= now && now < ValidTo;

    public X509Certificate2 Load() => X509CertificateLoader.LoadCertificate(Der);
}
