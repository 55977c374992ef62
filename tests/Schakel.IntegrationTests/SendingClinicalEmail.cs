using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc;
using MimeKit;
using MimeKit.Cryptography;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Host.Notifications.Smime;
using Schakel.IntegrationTests.Identity;
using Schakel.Testing;
using Wolverine;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Schakel.IntegrationTests;

/// <summary>
/// Acceptance of issue 7, S/MIME: an administrator puts a hospital's certificate on file; a clinical
/// e-mail to that address leaves signed with the organisation's certificate and encrypted for the
/// hospital, and one to an address without a certificate never leaves at all.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SendingClinicalEmail(IntegrationApp app) : IAsyncLifetime
{
    private const string Certificates = ManageSmimeCertificatesEndpoint.Route;
    private const string Letter = "Terugverwijzing: mevrouw heeft een T-score van -2,7; start alendroninezuur 70 mg per week.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly CareUser Administrator = TestUsers.Administrator();

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string AFreshAddress() => $"{Guid.NewGuid():N}@ziekenhuis.example.nl";

    private Task SendThroughTheOutbox(EmailMessage message) => app.Host.MessageBus().PublishAsync(new SendEmail(message)).AsTask();

    [Fact]
    public async Task a_clinical_email_to_a_recipient_with_a_certificate_on_file_is_signed_and_encrypted_and_opens_only_with_her_key()
    {
        var to = AFreshAddress();
        using var hospital = TestCertificates.Recipient(to);
        await UploadAsync(to, TestCertificates.Pem(hospital), "secure.pem", 201);

        await SendThroughTheOutbox(EmailMessage.Clinical(to, "Polikliniek interne geneeskunde", "Terugverwijzing van Schakel", Letter));

        using var mail = await app.Mail.WaitForMessageToAsync(to, Patience);
        var raw = Raw(mail);
        Assert.DoesNotContain("T-score", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("alendronine", raw, StringComparison.Ordinal);
        Assert.Equal("Terugverwijzing van Schakel", mail.Subject);

        using var context = new TemporarySecureMimeContext();
        using (var pfx = new MemoryStream(hospital.Export(X509ContentType.Pkcs12, "p")))
        {
            context.Import(pfx, "p");
        }

        var encrypted = Assert.IsType<ApplicationPkcs7Mime>(mail.Body);
        Assert.Equal(SecureMimeType.EnvelopedData, encrypted.SecureMimeType);
        var signed = Assert.IsType<MultipartSigned>(encrypted.Decrypt(context));
        var signature = Assert.Single(signed.Verify(context));
        Assert.True(signature.Verify(verifySignatureOnly: true));
        Assert.Equal(TestCertificates.Organisation.Thumbprint, ((SecureMimeDigitalCertificate)signature.SignerCertificate).Fingerprint, ignoreCase: true);
        Assert.Contains(Letter, TextOf(signed[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_clinical_email_to_a_recipient_without_a_certificate_is_never_sent_and_waits_in_the_dead_letters()
    {
        var to = AFreshAddress();

        await SendThroughTheOutbox(EmailMessage.Clinical(to, null, "Terugverwijzing van Schakel", Letter));

        var failure = await WaitForTheDeadLetterToAsync(to);
        Assert.Contains("the recipient has no valid S/MIME certificate on file", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(to, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Mail.Messages(), m => m.To.Mailboxes.Any(r => r.Address == to));
    }

    [Fact]
    public async Task a_notice_to_a_recipient_with_a_certificate_is_encrypted_too_and_one_without_goes_as_before()
    {
        var withCertificate = AFreshAddress();
        var without = AFreshAddress();
        using var hospital = TestCertificates.Recipient(withCertificate);
        await UploadAsync(withCertificate, TestCertificates.Der(hospital), "secure.cer", 201);

        await SendThroughTheOutbox(new EmailMessage(withCertificate, null, "Er staat iets klaar in Schakel", "Kijk in Schakel."));
        await SendThroughTheOutbox(new EmailMessage(without, null, "Er staat iets klaar in Schakel", "Kijk in Schakel."));

        using var encrypted = await app.Mail.WaitForMessageToAsync(withCertificate, Patience);
        using var clear = await app.Mail.WaitForMessageToAsync(without, Patience);
        Assert.IsType<ApplicationPkcs7Mime>(encrypted.Body);
        Assert.Equal("Kijk in Schakel.", clear.TextBody.TrimEnd());
    }

    [Fact]
    public async Task the_administrator_sees_the_certificates_with_the_expiring_ones_flagged_and_can_remove_one()
    {
        var soon = AFreshAddress();
        var later = AFreshAddress();
        using var expiringSoon = TestCertificates.Recipient(soon, DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddDays(10));
        using var valid = TestCertificates.Recipient(later);
        await UploadAsync(soon, TestCertificates.Pem(expiringSoon), "a.pem", 201);
        await UploadAsync(later, TestCertificates.Pem(valid), "b.pem", 201);

        var list = await ListAsync();
        Assert.True(list.Signing.Configured);
        Assert.Equal(TestCertificates.Organisation.Subject, list.Signing.Subject);
        Assert.Equal([(soon, true), (later, false)], list.Recipients.Select(r => (r.Address, r.ExpiringSoon)).OrderBy(r => r.Item2 ? 0 : 1));
        Assert.Equal(expiringSoon.Subject, list.Recipients.Single(r => r.Address == soon).Subject);

        await app.Host.Scenario(s =>
        {
            s.As(Administrator);
            s.Delete.Url($"{Certificates}/{Uri.EscapeDataString(soon)}");
            s.StatusCodeShouldBe(204);
        });
        await app.Host.Scenario(s =>
        {
            s.As(Administrator);
            s.Delete.Url($"{Certificates}/{Uri.EscapeDataString(soon)}");
            s.StatusCodeShouldBe(404);
        });
        Assert.Equal([later], (await ListAsync()).Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task a_bad_upload_is_refused_with_a_dutch_problem_and_nothing_is_put_on_file()
    {
        var to = AFreshAddress();
        var now = DateTimeOffset.UtcNow;
        using var expired = TestCertificates.Recipient(to, now.AddYears(-2), now.AddDays(-1));
        using var someoneElses = TestCertificates.Recipient("iemand@elders.example.nl");

        Assert.Contains("geen X.509-certificaat", await RefusalAsync(to, Encoding.UTF8.GetBytes("dit is geen certificaat"), "file"), StringComparison.Ordinal);
        Assert.StartsWith("Dit certificaat is verlopen op", await RefusalAsync(to, TestCertificates.Pem(expired), "file"), StringComparison.Ordinal);
        Assert.Equal($"Dit certificaat hoort bij iemand@elders.example.nl, niet bij {to}.", await RefusalAsync(to, TestCertificates.Pem(someoneElses), "file"));
        Assert.StartsWith("Vul één geldig e-mailadres in", await RefusalAsync("geen adres", TestCertificates.Pem(someoneElses), "address"), StringComparison.Ordinal);

        Assert.Empty((await ListAsync()).Recipients);
    }

    [Fact]
    public async Task only_an_administrator_manages_certificates()
    {
        var to = AFreshAddress();
        using var hospital = TestCertificates.Recipient(to);

        foreach (var someone in new[] { TestUsers.Coordinator(), TestUsers.Gp(Guid.CreateVersion7()) })
        {
            await app.Host.Scenario(s =>
            {
                s.As(someone);
                s.Get.Url(Certificates);
                s.StatusCodeShouldBe(403);
            });
            await UploadAsync(to, TestCertificates.Pem(hospital), "secure.pem", 403, someone);
        }

        Assert.Empty((await ListAsync()).Recipients);
    }

    [Fact]
    public async Task an_administrator_adds_a_certificate_on_the_portal_page_and_sees_a_dutch_error_for_an_expired_one()
    {
        var given = new Given(app);
        var admin = await given.AnAccountAsync(SchakelRoles.Administrator, await given.ARegionAsync());
        using var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, given, admin);
        var to = AFreshAddress();
        var now = DateTimeOffset.UtcNow;
        using var expired = TestCertificates.Recipient(to, now.AddYears(-2), now.AddDays(-1));
        using var valid = TestCertificates.Recipient(to);
        const string Page = "/beheer/certificaten";

        var html = await (await browser.GetAsync(Page)).Content.ReadAsStringAsync();
        Assert.Contains("Certificaten voor beveiligde e-mail", html, StringComparison.Ordinal);
        var refused = await browser.PostFileAsync(html, $"{Page}?handler=Upload", "file", "oud.pem", TestCertificates.Pem(expired), "application/x-pem-file",
            new Dictionary<string, string> { ["Address"] = to });
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Dit certificaat is verlopen op", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var added = await browser.PostFileAsync(html, $"{Page}?handler=Upload", "file", "nieuw.pem", TestCertificates.Pem(valid), "application/x-pem-file",
            new Dictionary<string, string> { ["Address"] = to });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, added.StatusCode);
        var list = await (await browser.GetAsync(Page)).Content.ReadAsStringAsync();
        Assert.Contains("Het certificaat is toegevoegd.", list, StringComparison.Ordinal);
        Assert.Contains($"<td>{to}</td>", list, StringComparison.Ordinal);
        Assert.Equal([to], (await ListAsync()).Recipients.Select(r => r.Address));
        Assert.DoesNotContain("Verloopt binnen 30 dagen", list, StringComparison.Ordinal);

        var soon = AFreshAddress();
        using var expiringSoon = TestCertificates.Recipient(soon, now.AddYears(-1), now.AddDays(20));
        await UploadAsync(soon, TestCertificates.Pem(expiringSoon), "bijna.pem", 201);
        Assert.Contains("Verloopt binnen 30 dagen", await (await browser.GetAsync(Page)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<IScenarioResult> UploadAsync(string address, byte[] content, string fileName, int status, CareUser? who = null)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { new StringContent(address), SmimeCertificates.AddressField }, { file, SmimeCertificates.FileField, fileName } };
        return app.Host.Scenario(s =>
        {
            s.As(who ?? Administrator);
            s.Post.MultipartFormData(form).ToUrl(Certificates);
            s.StatusCodeShouldBe(status);
        });
    }

    private async Task<string> RefusalAsync(string address, byte[] content, string field)
    {
        var result = await UploadAsync(address, content, "upload.pem", 400);
        var problem = (await result.ReadAsJsonAsync<ValidationProblemDetails>())!;
        return Assert.Single(problem.Errors[field]);
    }

    private async Task<SmimeCertificatesView> ListAsync()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Administrator);
            s.Get.Url(Certificates);
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<SmimeCertificatesView>())!;
    }

    /// <summary>Waits until the e-mail to <paramref name="address"/> is in the dead letters, and returns why it failed.</summary>
    private async Task<string> WaitForTheDeadLetterToAsync(string address)
    {
        var store = app.Host.Services.GetRequiredService<IWolverineRuntime>().Storage;
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var results = await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { MessageType = SendEmail.MessageIdentity }, CancellationToken.None);
            // The stored body is the outbox's JSON of the command; the address is unique to this test.
            var dead = results.Envelopes.FirstOrDefault(e => e.Envelope.Data is { } body && Encoding.UTF8.GetString(body).Contains(address, StringComparison.Ordinal));
            if (dead is not null)
            {
                return $"{dead.ExceptionType}: {dead.ExceptionMessage}";
            }

            Assert.True(DateTime.UtcNow < deadline, "The clinical e-mail did not reach the dead letters.");
            await Task.Delay(50);
        }
    }

    private static string Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return Encoding.ASCII.GetString(stream.ToArray());
    }

    private static string TextOf(MimeEntity entity) => entity switch
    {
        TextPart text => text.Text,
        Multipart multipart => string.Join("\n", multipart.Select(TextOf)),
        _ => "",
    };
}
