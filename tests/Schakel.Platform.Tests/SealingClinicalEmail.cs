using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MimeKit;
using MimeKit.Cryptography;
using X509KeyUsageFlags = System.Security.Cryptography.X509Certificates.X509KeyUsageFlags;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Host.Notifications.Smime;
using Schakel.Testing;

namespace Schakel.Platform.Tests;

public sealed class SealingClinicalEmail
{
    private const string Hospital = "secure@ziekenhuis.example.nl";
    private const string Letter = "Terugverwijzing: mevrouw heeft een T-score van -2,7 en start met alendroninezuur.";

    [Fact]
    public void a_sealed_message_decrypts_with_the_recipients_key_and_its_signature_verifies_against_the_organisations_certificate()
    {
        using var recipient = TestCertificates.Recipient(Hospital);

        var sealedBody = SmimeSealing.Seal(new TextPart("plain") { Text = Letter }, TestCertificates.Organisation, WithoutPrivateKey(recipient));

        var (signer, content) = Open(sealedBody, recipient);
        Assert.Equal(TestCertificates.Organisation.Thumbprint, signer, ignoreCase: true);
        Assert.Equal(Letter, ((TextPart)content).Text);
        Assert.DoesNotContain("T-score", Raw(sealedBody), StringComparison.Ordinal);
    }

    [Fact]
    public void only_the_recipients_key_opens_it()
    {
        using var recipient = TestCertificates.Recipient(Hospital);
        using var someoneElse = TestCertificates.Recipient(Hospital);
        var sealedBody = (ApplicationPkcs7Mime)SmimeSealing.Seal(new TextPart("plain") { Text = Letter }, TestCertificates.Organisation, WithoutPrivateKey(recipient));

        using var context = ContextWith(someoneElse);
        Assert.ThrowsAny<Exception>(() => sealedBody.Decrypt(context));
    }

    [Fact]
    public void a_changed_letter_no_longer_verifies()
    {
        using var recipient = TestCertificates.Recipient(Hospital);
        var sealedBody = (ApplicationPkcs7Mime)SmimeSealing.Seal(new TextPart("plain") { Text = Letter }, TestCertificates.Organisation, WithoutPrivateKey(recipient));
        using var context = ContextWith(recipient);
        var signed = (MultipartSigned)sealedBody.Decrypt(context);

        ((TextPart)signed[0]).Text = Letter.Replace("-2,7", "-1,2", StringComparison.Ordinal);

        var signature = Assert.Single(signed.Verify(context));
        Assert.Throws<DigitalSignatureVerifyException>(() => signature.Verify(verifySignatureOnly: true));
    }

    [Fact]
    public void a_clinical_message_may_carry_patient_data_in_its_body_but_never_in_its_subject()
    {
        var letter = EmailMessage.Clinical(Hospital, null, "Terugverwijzing", "Patiënt met BSN 111222333 wordt terugverwezen.");

        Assert.Equal(EmailContent.Clinical, letter.Content);
        Assert.Throws<PatientDataInEmailException>(() => EmailMessage.Clinical(Hospital, null, "Terugverwijzing 111222333", "Brief."));
        Assert.Throws<PatientDataInEmailException>(() => new EmailMessage(Hospital, null, "Terugverwijzing", "Patiënt met BSN 111222333."));
    }

    [Fact]
    public void a_clinical_message_stays_clinical_through_the_outbox_serialisation()
    {
        var command = new SendEmail(EmailMessage.Clinical(Hospital, "Poli", "Terugverwijzing", Letter));

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var back = JsonSerializer.Deserialize<SendEmail>(JsonSerializer.Serialize(command, options), options)!;

        Assert.Equal(EmailContent.Clinical, back.Message.Content);
        Assert.Equal(EmailContent.Notice, new EmailMessage(Hospital, null, "Er staat iets klaar", "Kijk in Schakel.").Content);
    }

    [Fact]
    public void a_valid_recipient_certificate_is_accepted_as_pem_and_as_der()
    {
        using var recipient = TestCertificates.Recipient(Hospital);

        foreach (var file in new[] { TestCertificates.Pem(recipient), TestCertificates.Der(recipient) })
        {
            var (read, unreadable) = CertificateInspection.Read(file);
            Assert.Null(unreadable);
            using (read)
            {
                Assert.Null(CertificateInspection.Refusal(read!, "Secure@Ziekenhuis.example.nl", DateTimeOffset.UtcNow));
            }
        }
    }

    [Fact]
    public void a_file_that_is_no_certificate_or_holds_a_private_key_is_refused()
    {
        using var recipient = TestCertificates.Recipient(Hospital);
        var withKey = System.Text.Encoding.ASCII.GetBytes(recipient.ExportCertificatePem() + "\n" + recipient.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        Assert.Contains("geen X.509-certificaat", CertificateInspection.Read("hallo"u8.ToArray()).Refusal, StringComparison.Ordinal);
        Assert.Contains("geen X.509-certificaat", CertificateInspection.Read([0x30, 0x82, 0x01]).Refusal, StringComparison.Ordinal);
        Assert.Contains("privésleutel", CertificateInspection.Read(withKey).Refusal, StringComparison.Ordinal);
        Assert.Contains("privésleutel", CertificateInspection.Refusal(recipient, Hospital, DateTimeOffset.UtcNow), StringComparison.Ordinal);
    }

    [Fact]
    public void a_certificate_for_another_address_an_expired_one_or_one_that_may_not_encrypt_is_refused()
    {
        var now = DateTimeOffset.UtcNow;
        using var other = WithoutPrivateKey(TestCertificates.Recipient("iemand@elders.example.nl"));
        using var expired = WithoutPrivateKey(TestCertificates.Recipient(Hospital, now.AddYears(-2), now.AddDays(-1)));
        using var signingOnly = WithoutPrivateKey(TestCertificates.Recipient(Hospital, usage: X509KeyUsageFlags.DigitalSignature));
        using var tlsOnly = WithoutPrivateKey(TestCertificates.Recipient(Hospital, emailProtection: false));
        using var valid = WithoutPrivateKey(TestCertificates.Recipient(Hospital));

        Assert.Equal($"Dit certificaat hoort bij iemand@elders.example.nl, niet bij {Hospital}.", CertificateInspection.Refusal(other, Hospital, now));
        Assert.StartsWith("Dit certificaat is verlopen op", CertificateInspection.Refusal(expired, Hospital, now), StringComparison.Ordinal);
        Assert.Contains("niet worden gebruikt om te versleutelen", CertificateInspection.Refusal(signingOnly, Hospital, now), StringComparison.Ordinal);
        Assert.Contains("niet bedoeld voor beveiligde e-mail", CertificateInspection.Refusal(tlsOnly, Hospital, now), StringComparison.Ordinal);
        Assert.Null(CertificateInspection.Refusal(valid, Hospital, now));
    }

    private static X509Certificate2 WithoutPrivateKey(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    private static TemporarySecureMimeContext ContextWith(X509Certificate2 withKey)
    {
        var context = new TemporarySecureMimeContext();
        using var pfx = new MemoryStream(withKey.Export(X509ContentType.Pkcs12, "p"));
        context.Import(pfx, "p");
        return context;
    }

    /// <summary>Decrypts as the recipient, verifies the signature, and returns the signer's thumbprint and the signed content.</summary>
    private static (string SignerThumbprint, MimeEntity Content) Open(MimeEntity sealedBody, X509Certificate2 recipient)
    {
        using var context = ContextWith(recipient);
        var signed = Assert.IsType<MultipartSigned>(Assert.IsType<ApplicationPkcs7Mime>(sealedBody).Decrypt(context));
        var signature = Assert.Single(signed.Verify(context));
        Assert.True(signature.Verify(verifySignatureOnly: true));
        return (((SecureMimeDigitalCertificate)signature.SignerCertificate).Fingerprint, signed[0]);
    }

    private static string Raw(MimeEntity entity)
    {
        using var stream = new MemoryStream();
        entity.WriteTo(stream);
        return System.Text.Encoding.ASCII.GetString(stream.ToArray());
    }
}
