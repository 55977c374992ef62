using System.Net.Sockets;
using System.Text.Json;
using MailKit.Net.Smtp;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Host.Notifications.Email;

namespace Schakel.Platform.Tests;

public sealed class WritingEmail
{
    private static readonly EmailTemplates Templates = new();
    private static readonly Uri Link = new("https://schakel.example.nl/wachtwoord/nieuw?token=t&user=1");

    [Fact]
    public void a_password_reset_says_how_long_the_link_works_and_what_to_do_if_you_did_not_ask()
    {
        var mail = Templates.PasswordReset("anna@praktijk.example.nl", "Anna de Vries", new PasswordResetEmail(Link, TimeSpan.FromMinutes(20)));

        Assert.Equal("Nieuw wachtwoord instellen voor Schakel", mail.Subject);
        Assert.StartsWith("Beste Anna de Vries,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(Link.AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("20 minuten geldig", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Heeft u dit niet aangevraagd? Dan kunt u deze e-mail negeren.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://schakel.example.nl/wachtwoord/nieuw?token=t&amp;user=1\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void without_a_name_the_greeting_is_general()
    {
        var mail = Templates.PasswordReset("anna@praktijk.example.nl", null, new PasswordResetEmail(Link, TimeSpan.FromMinutes(20)));

        Assert.StartsWith("Goedendag,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Goedendag,</p>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void an_invitation_says_who_invites_for_which_organisation_until_when_in_amsterdam_time()
    {
        var mail = Templates.Invitation("anna@praktijk.example.nl", "Anna", new InvitationEmail(
            "Dr. P. Bakker", "Ziekenhuis Hart van Brabant", Link, new DateTimeOffset(2026, 7, 3, 8, 0, 0, TimeSpan.Zero)));

        Assert.Equal("Uitnodiging voor Schakel van Ziekenhuis Hart van Brabant", mail.Subject);
        Assert.Contains("Dr. P. Bakker nodigt u uit om Schakel te gebruiken namens Ziekenhuis Hart van Brabant.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("geldig tot vrijdag 3 juli 2026 om 10:00", mail.TextBody, StringComparison.Ordinal); // summer time
        Assert.Contains("vraag dan Dr. P. Bakker om een nieuwe uitnodiging", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void values_are_html_encoded_in_the_html_part_only_and_cannot_break_out_of_an_attribute()
    {
        var mail = Templates.Invitation("anna@praktijk.example.nl", "<b>Anna</b>", new InvitationEmail(
            "<script>alert(1)</script>", "A \"quoted\" & <i>odd</i> name", new Uri("https://schakel.example.nl/u?a=\"><script>"), DateTimeOffset.UtcNow));

        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Anna", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>odd", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; nodigt u uit", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("A &quot;quoted&quot; &amp; &lt;i&gt;odd&lt;/i&gt; name", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> nodigt u uit", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<b>Anna</b>", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void a_value_with_a_line_break_cannot_add_lines_to_the_subject()
    {
        var mail = Templates.Invitation("anna@praktijk.example.nl", null, new InvitationEmail("X", "Praktijk\r\nBcc: iedereen@example.nl", Link, DateTimeOffset.UtcNow));

        Assert.Equal("Uitnodiging voor Schakel van Praktijk Bcc: iedereen@example.nl", mail.Subject);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://schakel.example.nl/x")]
    [InlineData("/relatief")]
    public void links_are_absolute_web_addresses_only(string link)
    {
        Assert.Throws<ArgumentException>(() =>
            Templates.PasswordReset("anna@praktijk.example.nl", null, new PasswordResetEmail(new Uri(link, UriKind.RelativeOrAbsolute), TimeSpan.FromMinutes(5))));
    }

    [Theory]
    [InlineData("Uw BSN 123456782", "", null)]
    [InlineData("Bericht", "BSN: 1234.56.782", null)]
    [InlineData("Bericht", "Zie de portal.", "<p>BSN 111222333</p>")]
    public void a_message_carrying_a_bsn_cannot_be_made_and_the_refusal_does_not_repeat_it(string subject, string text, string? html)
    {
        var refused = Assert.Throws<PatientDataInEmailException>(() =>
            new EmailMessage("anna@praktijk.example.nl", null, subject, text.Length == 0 ? "Zie de portal." : text, html));

        Assert.DoesNotMatch(@"\d{4}", refused.Message);
    }

    [Fact]
    public void other_numbers_are_fine()
    {
        var mail = new EmailMessage("anna@praktijk.example.nl", null, "Vraag 123456789 beantwoord", "AGB 01234567, tel. 013-5551234.");

        Assert.Equal("Vraag 123456789 beantwoord", mail.Subject);
    }

    [Theory]
    [InlineData("Anna <anna@praktijk.example.nl>")]
    [InlineData("anna@praktijk.example.nl, bob@praktijk.example.nl")]
    [InlineData("geen adres")]
    [InlineData("")]
    public void the_recipient_is_one_plain_address(string address)
    {
        Assert.Throws<ArgumentException>(() => new EmailMessage(address, null, "Onderwerp", "Tekst"));
    }

    [Fact]
    public void the_subject_is_one_line()
    {
        Assert.Throws<ArgumentException>(() => new EmailMessage("anna@praktijk.example.nl", null, "Onderwerp\r\nBcc: x@example.nl", "Tekst"));
    }

    [Fact]
    public void a_send_email_command_survives_the_round_trip_through_json_and_is_checked_again_on_the_way_back()
    {
        var command = new SendEmail(new EmailMessage("anna@praktijk.example.nl", "Anna", "Onderwerp", "Tekst", "<p>Tekst</p>"));

        var json = JsonSerializer.Serialize(command);
        Assert.Equal(command.Message, JsonSerializer.Deserialize<SendEmail>(json)!.Message);

        var tampered = json.Replace("\"Tekst\"", "\"BSN 123456782\"", StringComparison.Ordinal);
        Assert.Throws<PatientDataInEmailException>(() => JsonSerializer.Deserialize<SendEmail>(tampered));
    }

    [Fact]
    public void an_email_keeps_its_id_through_the_outbox_so_every_retry_sends_the_same_message_id()
    {
        var command = new SendEmail(new EmailMessage("anna@praktijk.example.nl", "Anna", "Onderwerp", "Tekst"));
        var wolverine = new JsonSerializerOptions(JsonSerializerDefaults.Web); // camelCase, as the outbox stores it

        var read = JsonSerializer.Deserialize<SendEmail>(JsonSerializer.Serialize(command, wolverine), wolverine)!;

        Assert.Equal(command.Message.Id, read.Message.Id);
        Assert.NotEqual(command.Message.Id, new EmailMessage("anna@praktijk.example.nl", "Anna", "Onderwerp", "Tekst").Id);
    }

    public static TheoryData<Exception, bool> Failures() => new()
    {
        { new SocketException((int)SocketError.ConnectionRefused), true },
        { new IOException("connection reset"), true },
        { new TimeoutException(), true },
        { new SmtpProtocolException("unexpected disconnect"), true },
        { new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ServiceNotAvailable, "421 try later"), true },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, "450 busy"), true },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "550 no such user"), false },
        { new InvalidOperationException("no mail server configured"), false },
        { new Npgsql.PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), true }, // our database, away for a moment (ADR 24)
        { new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void only_failures_the_mail_server_may_recover_from_are_retried(Exception failure, bool retried)
    {
        Assert.Equal(retried, EmailDelivery.IsTransient(failure));
    }

    [Fact]
    public void a_recipient_whose_address_or_name_holds_eleven_proof_digits_still_gets_mail()
    {
        // The recipient is a care provider; only the content is guarded.
        var message = new EmailMessage("123456782@praktijk.example.nl", "Dr. 111222333", "Onderwerp", "Tekst");

        Assert.Equal("123456782@praktijk.example.nl", message.ToAddress);
    }
}
