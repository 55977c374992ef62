using System.Net.Mail;
using Schakel.BuildingBlocks.Identifiers;

namespace Schakel.BuildingBlocks.Notifications;

/// <summary>
/// One e-mail to one person, in plain text and optionally simple HTML.
/// </summary>
/// <remarks>
/// <para><b>Never put patient data in an e-mail</b>: no name, date of birth, BSN, question text or
/// anything clinical. E-mail leaves our systems unencrypted and lands in mailboxes we do not
/// control (AVG/GDPR special-category data, NEN 7510). Say that something is waiting and link to
/// the portal, where access is checked and logged.</para>
/// <para>As a last line of defence a message cannot be made when its subject or body
/// holds something that passes the BSN eleven-proof (<see cref="PatientDataInEmailException"/>).
/// That catches a slip, not a design: it cannot recognise names or clinical text.</para>
/// <para>The one exception is <see cref="EmailContent.Clinical"/> (docs/adr/0019): such a message
/// leaves only signed and encrypted with S/MIME for a recipient whose certificate an administrator
/// put on file; without one it is never sent. Its body may then carry clinical content, but its
/// subject and addresses are still checked, because S/MIME leaves the headers readable.</para>
/// </remarks>
public sealed record EmailMessage
{
    public EmailMessage(string toAddress, string? toName, string subject, string textBody, string? htmlBody = null, EmailContent content = EmailContent.Notice)
    {
        if (string.IsNullOrWhiteSpace(toAddress) || !MailAddress.TryCreate(toAddress, out var parsed) || parsed.Address != toAddress.Trim())
        {
            throw new ArgumentException("The recipient is not one plain e-mail address.", nameof(toAddress));
        }

        if (string.IsNullOrWhiteSpace(subject) || subject.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("The subject must be one line of text.", nameof(subject));
        }

        if (string.IsNullOrWhiteSpace(textBody))
        {
            throw new ArgumentException("The plain-text body is required.", nameof(textBody));
        }

        // The recipient is a care provider, not a patient: an address such as 123456782@... is hers to have.
        if (!Enum.IsDefined(content))
        {
            throw new ArgumentOutOfRangeException(nameof(content), content, "Unknown kind of e-mail content.");
        }

        RefusePatientData(subject, nameof(subject));
        if (content == EmailContent.Notice)
        {
            RefusePatientData(textBody, nameof(textBody));
            RefusePatientData(htmlBody, nameof(htmlBody));
        }

        ToAddress = toAddress.Trim();
        ToName = string.IsNullOrWhiteSpace(toName) ? null : toName.Trim();
        Subject = subject.Trim();
        TextBody = textBody;
        HtmlBody = htmlBody;
        Content = content;
    }

    /// <summary>
    /// This e-mail's identity, fixed when it is made and stored with it in the outbox, so every retry
    /// and every replay from the dead letters sends the same Message-Id header (docs/adr/0008): a
    /// mail client that receives it twice shows it once. A message stored before this property
    /// existed gets a new one when read.
    /// </summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string ToAddress { get; }

    public string? ToName { get; }

    public string Subject { get; }

    public string TextBody { get; }

    public string? HtmlBody { get; }

    /// <summary>A notice (the default, may travel in clear) or clinical content (only ever encrypted).</summary>
    public EmailContent Content { get; }

    /// <summary>
    /// An e-mail whose body carries clinical content: it is sent only signed and encrypted for the
    /// recipient's certificate on file, and otherwise refused for good (docs/adr/0019).
    /// </summary>
    public static EmailMessage Clinical(string toAddress, string? toName, string subject, string textBody, string? htmlBody = null) =>
        new(toAddress, toName, subject, textBody, htmlBody, EmailContent.Clinical);

    private static void RefusePatientData(string? text, string field)
    {
        if (CareIdentifiers.ContainsBsn(text))
        {
            throw new PatientDataInEmailException(field);
        }
    }
}

/// <summary>What an e-mail's body may carry, which decides whether it may ever travel in clear.</summary>
public enum EmailContent
{
    /// <summary>Says that something is waiting and links to the portal; no patient data. May travel in clear.</summary>
    Notice,

    /// <summary>Clinical content (a letter, an answer): sent only signed and S/MIME-encrypted for the recipient.</summary>
    Clinical,
}

/// <summary>
/// An e-mail was refused because it seems to carry patient data. The message names the field,
/// never the value (which would carry the data into the log).
/// </summary>
public sealed class PatientDataInEmailException(string field)
    : ArgumentException($"An e-mail may not carry patient data: its {field} holds a number that passes the BSN eleven-proof.", field);
