using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Schakel.Testing;

/// <summary>
/// S/MIME certificates made in code (RSA 2048, self-signed, the address in the subject alternative
/// name): the organisation's signing certificate, which every test host signs with, and recipients'.
/// </summary>
public static class TestCertificates
{
    public const string OrganisationAddress = "schakel@test.example.nl";
    public const string OrganisationPassword = "test-only";

    private static readonly Lazy<X509Certificate2> LazyOrganisation = new(() => Make(OrganisationAddress, "Schakel testorganisatie"));
    private static readonly Lazy<string> LazyOrganisationPfx = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"schakel-signing-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, Organisation.Export(X509ContentType.Pkcs12, OrganisationPassword));
        return path;
    });

    /// <summary>The organisation's certificate with its private key.</summary>
    public static X509Certificate2 Organisation => LazyOrganisation.Value;

    /// <summary>A PKCS#12 file of <see cref="Organisation"/>, protected with <see cref="OrganisationPassword"/>.</summary>
    public static string OrganisationPfxPath => LazyOrganisationPfx.Value;

    /// <summary>A recipient's certificate with its private key (the test plays the recipient who decrypts).</summary>
    public static X509Certificate2 Recipient(
        string address,
        DateTimeOffset? validFrom = null,
        DateTimeOffset? validTo = null,
        X509KeyUsageFlags usage = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature,
        bool emailProtection = true) =>
        Make(address, "Ontvanger", validFrom, validTo, usage, emailProtection);

    /// <summary>The public part as a .pem file's bytes, as a recipient hands it to the administrator.</summary>
    public static byte[] Pem(X509Certificate2 certificate) => System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem());

    /// <summary>The public part as a .cer (DER) file's bytes.</summary>
    public static byte[] Der(X509Certificate2 certificate) => certificate.Export(X509ContentType.Cert);

    private static X509Certificate2 Make(
        string address,
        string name,
        DateTimeOffset? validFrom = null,
        DateTimeOffset? validTo = null,
        X509KeyUsageFlags usage = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature,
        bool emailProtection = true)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, E={address}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(address);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        // E-mail protection, or only TLS server authentication (a certificate made for something else).
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(emailProtection ? "1.3.6.1.5.5.7.3.4" : "1.3.6.1.5.5.7.3.1")], critical: false));

        var from = validFrom ?? DateTimeOffset.UtcNow.AddDays(-1);
        using var made = request.CreateSelfSigned(from, validTo ?? from.AddYears(2));
        // Through PKCS#12 so that the private key is exportable on every platform (MimeKit signs with BouncyCastle).
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12, ""), "", X509KeyStorageFlags.Exportable);
    }
}
