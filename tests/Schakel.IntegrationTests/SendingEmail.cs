using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Host.Notifications.Email;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;

namespace Schakel.IntegrationTests;

[Collection(IntegrationCollection.Name)]
public sealed class SendingEmail(IntegrationApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private EmailTemplates Templates => app.Host.Services.GetRequiredService<EmailTemplates>();

    private static string AFreshAddress() => $"{Guid.NewGuid():N}@praktijk.example.nl";

    private Task SendThroughTheOutbox(EmailMessage message) => app.Host.MessageBus().PublishAsync(new SendEmail(message)).AsTask();

    [Fact]
    public async Task a_password_reset_sent_through_the_outbox_reaches_the_mail_server_in_dutch()
    {
        var to = AFreshAddress();
        var link = new Uri("https://schakel.example.nl/wachtwoord/nieuw?token=abc-def&user=42");

        await SendThroughTheOutbox(Templates.PasswordReset(to, "Anna de Vries", new PasswordResetEmail(link, TimeSpan.FromMinutes(30))));

        using var mail = await app.Mail.WaitForMessageToAsync(to, Patience);
        Assert.Equal("Nieuw wachtwoord instellen voor Schakel", mail.Subject);
        Assert.Equal("schakel@test.example.nl", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Anna de Vries", mail.To.Mailboxes.Single().Name);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        Assert.StartsWith("Beste Anna de Vries,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(link.AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("30 minuten geldig", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Heeft u dit niet aangevraagd? Dan kunt u deze e-mail negeren.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://schakel.example.nl/wachtwoord/nieuw?token=abc-def&amp;user=42\"", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_invitation_names_who_invited_and_for_which_organisation_and_escapes_them_in_html()
    {
        var to = AFreshAddress();
        var expires = new DateTimeOffset(2026, 12, 1, 13, 30, 0, TimeSpan.Zero); // 14:30 in Amsterdam

        await SendThroughTheOutbox(Templates.Invitation(to, null, new InvitationEmail(
            "<script>alert('x')</script> Jansen",
            "Huisartsen \"De Linde\" & Partners",
            new Uri("https://schakel.example.nl/uitnodiging?code=q1"),
            expires)));

        using var mail = await app.Mail.WaitForMessageToAsync(to, Patience);
        Assert.Equal("Uitnodiging voor Schakel van Huisartsen \"De Linde\" & Partners", mail.Subject);
        Assert.StartsWith("Goedendag,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script> Jansen nodigt u uit", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("geldig tot dinsdag 1 december 2026 om 14:30", mail.TextBody, StringComparison.Ordinal);

        var html = mail.HtmlBody;
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Jansen nodigt u uit", html, StringComparison.Ordinal);
        Assert.Contains("Huisartsen &quot;De Linde&quot; &amp; Partners", html, StringComparison.Ordinal);
        Assert.Contains("<title>Uitnodiging voor Schakel van Huisartsen &quot;De Linde&quot; &amp; Partners</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void an_email_carrying_a_bsn_is_refused_before_anything_is_stored_or_sent()
    {
        var refused = Assert.Throws<PatientDataInEmailException>(() => Templates.Invitation(AFreshAddress(), null, new InvitationEmail(
            "Dr. Bakker", "Patiënt 123456782", new Uri("https://schakel.example.nl/uitnodiging"), DateTimeOffset.UtcNow.AddDays(7))));

        Assert.DoesNotContain("123456782", refused.Message, StringComparison.Ordinal);
        Assert.Throws<PatientDataInEmailException>(() =>
            new EmailMessage(AFreshAddress(), null, "Vraag beantwoord", "Uw vraag over BSN 1112.22.333 is beantwoord."));
    }

    [Fact]
    public async Task an_email_waits_out_a_mail_server_outage_and_arrives_once_the_server_is_back()
    {
        var to = AFreshAddress();
        await app.Mail.StopAsync();
        try
        {
            await SendThroughTheOutbox(Templates.PasswordReset(to, null, new PasswordResetEmail(
                new Uri("https://schakel.example.nl/wachtwoord/nieuw?token=outage"), TimeSpan.FromMinutes(15))));

            // The quick retries failed, and the mail now waits in the durable inbox for a later try.
            await WaitUntilAnEmailIsScheduledForRetry();
        }
        finally
        {
            await app.Mail.StartAsync();
        }

        using var mail = await app.Mail.WaitForMessageToAsync(to, Patience);
        Assert.Equal("Nieuw wachtwoord instellen voor Schakel", mail.Subject);
    }

    private async Task WaitUntilAnEmailIsScheduledForRetry()
    {
        var store = app.Host.Services.GetRequiredService<IWolverineRuntime>().Storage;
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var incoming = await store.Admin.AllIncomingAsync();
            if (incoming.Any(e => e.MessageType == SendEmail.MessageIdentity && e.Status == EnvelopeStatus.Scheduled && e.Attempts > 0))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "No e-mail was scheduled for a retry while the mail server was down.");
            await Task.Delay(50);
        }
    }
}
