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
/// </remarks>
public sealed record EmailMessage
{
    public EmailMessage(string toAddress, string? toName, string subject, string textBody, string? htmlBody = null)
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
        RefusePatientData(subject, nameof(subject));
        RefusePatientData(textBody, nameof(textBody));
        RefusePatientData(htmlBody, nameof(htmlBody));

        ToAddress = toAddress.Trim();
        ToName = string.IsNullOrWhiteSpace(toName) ? null : toName.Trim();
        Subject = subject.Trim();
        TextBody = textBody;
        HtmlBody = htmlBody;
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

    private static void RefusePatientData(string? text, string field)
    {
        if (CareIdentifiers.ContainsBsn(text))
        {
            throw new PatientDataInEmailException(field);
        }
    }
}

/// <summary>
/// An e-mail was refused because it seems to carry patient data. The message names the field,
/// never the value (which would carry the data into the log).
/// </summary>
public sealed class PatientDataInEmailException(string field)
    : ArgumentException($"An e-mail may not carry patient data: its {field} holds a number that passes the BSN eleven-proof.", field);
