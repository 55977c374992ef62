using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Schakel.Host.Notifications.Smime;

/// <summary>
/// Decides whether an uploaded file is a recipient certificate we may encrypt for: one public
/// X.509 certificate (DER or PEM, no private key), naming the address (subject alternative name
/// or subject e-mail), valid now, allowed to encrypt (key usage) and to protect e-mail (extended
/// key usage, when the certificate restricts it). Every refusal is a Dutch sentence for the administrator.
/// </summary>
public static class CertificateInspection
{
    private const string EmailProtection = "1.3.6.1.5.5.7.3.4";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static (X509Certificate2? Certificate, string? Refusal) Read(byte[] content)
    {
        var text = LooksLikeText(content) ? Encoding.ASCII.GetString(content) : null;
        if (text is not null && text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return (null, "Dit bestand bevat een privésleutel. Upload alleen het publieke certificaat (.cer of .pem) van de ontvanger.");
        }

        try
        {
            if (text is not null && text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                return (X509Certificate2.CreateFromPem(text), null);
            }

            return X509Certificate2.GetCertContentType(content) == X509ContentType.Cert
                ? (X509CertificateLoader.LoadCertificate(content), null)
                : (null, NotACertificate);
        }
        catch (CryptographicException)
        {
            return (null, NotACertificate);
        }
    }

    public static string? Refusal(X509Certificate2 certificate, string address, DateTimeOffset now)
    {
        if (certificate.HasPrivateKey)
        {
            return "Dit bestand bevat een privésleutel. Upload alleen het publieke certificaat (.cer of .pem) van de ontvanger.";
        }

        var addresses = AddressesOf(certificate);
        if (!addresses.Contains(RecipientCertificate.IdOf(address)))
        {
            return addresses.Count == 0
                ? $"Dit certificaat noemt geen e-mailadres, dus niet {address}."
                : $"Dit certificaat hoort bij {string.Join(", ", addresses)}, niet bij {address}.";
        }

        if (certificate.NotAfter.ToUniversalTime() <= now.UtcDateTime)
        {
            return $"Dit certificaat is verlopen op {certificate.NotAfter.ToString("d MMMM yyyy", Dutch)}. Vraag de ontvanger om een geldig certificaat.";
        }

        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            return $"Dit certificaat is pas geldig vanaf {certificate.NotBefore.ToString("d MMMM yyyy", Dutch)}.";
        }

        if (certificate.GetRSAPublicKey() is null && certificate.GetECDiffieHellmanPublicKey() is null)
        {
            return "Voor dit soort sleutel kan Schakel niet versleutelen; alleen RSA- of EC-certificaten worden ondersteund.";
        }

        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && (usage.KeyUsages & (X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement)) == 0)
        {
            return "Dit certificaat mag niet worden gebruikt om te versleutelen (het sleutelgebruik staat geen versleuteling toe).";
        }

        var extended = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (extended is not null && !extended.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == EmailProtection))
        {
            return "Dit certificaat is niet bedoeld voor beveiligde e-mail (het uitgebreide sleutelgebruik noemt geen e-mailbeveiliging).";
        }

        return null;
    }

    /// <summary>Every e-mail address the certificate names, in lower case: rfc822Name in the subject alternative name, and E= in the subject.</summary>
    public static IReadOnlySet<string> AddressesOf(X509Certificate2 certificate)
    {
        var parsed = new X509Certificate(certificate.RawData);
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in parsed.GetSubjectAlternativeNames() ?? [])
        {
            if (name.Count >= 2 && name[0] is int tag && tag == GeneralName.Rfc822Name && name[1] is string value)
            {
                addresses.Add(RecipientCertificate.IdOf(value));
            }
        }

        foreach (var value in parsed.SubjectDN.GetValueList(X509Name.EmailAddress))
        {
            addresses.Add(RecipientCertificate.IdOf(value));
        }

        return addresses;
    }

    private const string NotACertificate = "Dit bestand is geen X.509-certificaat. Upload het publieke certificaat van de ontvanger als .cer (DER) of .pem.";

    private static bool LooksLikeText(byte[] content) => content.Length > 0 && content.Take(64).All(b => b is 9 or 10 or 13 or (>= 32 and < 127));
}
