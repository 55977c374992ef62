namespace Schakel.Host.Notifications.Smime;

/// <summary>S/MIME for clinical e-mail (<c>Schakel:Smime</c>, docs/adr/0019).</summary>
public sealed class SmimeOptions
{
    public const string Section = "Schakel:Smime";

    /// <summary>The organisation's certificate with its private key, which signs every encrypted e-mail.</summary>
    public SigningCertificateOptions SigningCertificate { get; set; } = new();

    /// <summary>A certificate that ends within this many days is flagged on the administrator's page.</summary>
    public int ExpiryWarningDays { get; set; } = 30;
}

/// <summary>
/// A PKCS#12 (.pfx/.p12) file and its password. Both come from configuration: the password from the
/// secret store or the environment, never from appsettings.json. No path: nothing is encrypted,
/// and clinical e-mail is refused.
/// </summary>
public sealed class SigningCertificateOptions
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}
