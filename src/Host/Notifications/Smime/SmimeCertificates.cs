using System.Net.Mail;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Schakel.BuildingBlocks.Problems;

namespace Schakel.Host.Notifications.Smime;

/// <summary>A recipient's certificate as the administrator sees it.</summary>
/// <param name="ExpiringSoon">Ends within the warning period (30 days unless configured); encryption still works until <paramref name="ValidTo"/>.</param>
/// <param name="Expired">Ended: e-mail to this address goes in clear again, and clinical e-mail is refused.</param>
public sealed record RecipientCertificateView(
    string Address, string Subject, string Issuer, string Thumbprint, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, bool ExpiringSoon, bool Expired, DateTimeOffset UploadedAt);

/// <summary>The organisation's signing certificate (from configuration), or <paramref name="Configured"/> false.</summary>
public sealed record SigningCertificateView(bool Configured, string? Subject, string? Issuer, DateTimeOffset? ValidTo, bool ExpiringSoon, bool Expired);

/// <summary>Every S/MIME certificate Schakel uses: the organisation's own and the recipients' on file.</summary>
/// <param name="ExpiryWarningDays">A certificate that ends within this many days is flagged as expiring soon.</param>
public sealed record SmimeCertificatesView(SigningCertificateView Signing, IReadOnlyList<RecipientCertificateView> Recipients, int ExpiryWarningDays);

/// <summary>The administrator's list, upload and removal of S/MIME certificates, for the API and the portal alike.</summary>
public sealed class SmimeCertificates(IDocumentStore store, OrganisationCertificate organisation, IOptions<SmimeOptions> options, TimeProvider clock)
{
    public const string AddressField = "address";
    public const string FileField = "file";

    /// <summary>A certificate file is a few kilobytes; a chain bundle perhaps tens.</summary>
    public const long MaxBytes = 64 * 1024;

    private TimeSpan Warning => TimeSpan.FromDays(options.Value.ExpiryWarningDays);

    public async Task<SmimeCertificatesView> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var onFile = await session.Query<RecipientCertificate>().OrderBy(c => c.Id).ToListAsync(ct);
        return new SmimeCertificatesView(Signing(now), onFile.Select(c => View(c, now)).ToList(), options.Value.ExpiryWarningDays);
    }

    /// <summary>Checks the address and the file, then puts the certificate on file for that address (replacing any before it).</summary>
    public async Task<(RecipientCertificateView? Added, ProblemDetails? Problem)> UploadAsync(string? address, byte[]? content, string uploadedBy, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(address) || !MailAddress.TryCreate(address.Trim(), out var parsed) || parsed.Address != address.Trim())
        {
            return (null, Invalid(AddressField, "Vul één geldig e-mailadres in, bijvoorbeeld beveiligd@ziekenhuis.nl."));
        }

        if (content is null || content.Length == 0)
        {
            return (null, Invalid(FileField, content is null ? "Kies het certificaatbestand (.cer of .pem) van de ontvanger." : "Het bestand is leeg."));
        }

        var (certificate, unreadable) = CertificateInspection.Read(content);
        if (certificate is null)
        {
            return (null, Invalid(FileField, unreadable!));
        }

        using (certificate)
        {
            var now = clock.GetUtcNow();
            if (CertificateInspection.Refusal(certificate, address, now) is { } refusal)
            {
                return (null, Invalid(FileField, refusal));
            }

            var document = new RecipientCertificate(
                RecipientCertificate.IdOf(address), certificate.Subject, certificate.Issuer, certificate.Thumbprint,
                new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
                certificate.RawData, now, uploadedBy);
            await using var session = store.LightweightSession();
            session.Store(document);
            await session.SaveChangesAsync(ct);
            return (View(document, now), null);
        }
    }

    /// <summary>Takes the certificate off file; false when there was none for the address.</summary>
    public async Task<bool> RemoveAsync(string address, CancellationToken ct)
    {
        var id = RecipientCertificate.IdOf(address);
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<RecipientCertificate>(id, ct) is null)
        {
            return false;
        }

        session.Delete<RecipientCertificate>(id);
        await session.SaveChangesAsync(ct);
        return true;
    }

    private SigningCertificateView Signing(DateTimeOffset now)
    {
        if (organisation.Current is not { } signing)
        {
            return new SigningCertificateView(false, null, null, null, false, false);
        }

        var validTo = new DateTimeOffset(signing.NotAfter.ToUniversalTime());
        return new SigningCertificateView(true, signing.Subject, signing.Issuer, validTo, validTo > now && validTo - now <= Warning, validTo <= now);
    }

    private RecipientCertificateView View(RecipientCertificate c, DateTimeOffset now) =>
        new(c.Id, c.Subject, c.Issuer, c.Thumbprint, c.ValidFrom, c.ValidTo, c.ValidTo > now && c.ValidTo - now <= Warning, c.ValidTo <= now, c.UploadedAt);

    private static ValidationProblemDetails Invalid(string field, string message) =>
        Problem.Invalid(new Dictionary<string, string[]> { [field] = [message] });
}
