using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Schakel.Host.Notifications.Smime;

/// <summary>
/// The organisation's signing certificate, read once from the configured PKCS#12 file. A file that
/// is configured but unreadable, or holds no private key, fails loudly at the first use rather than
/// sending unsigned mail.
/// </summary>
public sealed class OrganisationCertificate(IOptions<SmimeOptions> options) : IDisposable
{
    private readonly Lazy<X509Certificate2?> _certificate = new(() => Load(options.Value.SigningCertificate));

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.SigningCertificate.Path);

    /// <summary>The certificate with its private key, or null when none is configured.</summary>
    public X509Certificate2? Current => _certificate.Value;

    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value?.Dispose();
        }
    }

    private static X509Certificate2? Load(SigningCertificateOptions signing)
    {
        if (string.IsNullOrWhiteSpace(signing.Path))
        {
            return null;
        }

        // Exportable: MimeKit signs with BouncyCastle, which takes the key's parameters.
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(signing.Path, signing.Password, X509KeyStorageFlags.Exportable);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The S/MIME signing certificate ({SmimeOptions.Section}:SigningCertificate:Path) holds no private key.");
        }

        return certificate;
    }
}
