using Schakel.BuildingBlocks.Notifications;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Schakel.Host.Notifications.Email.DeadLetters;

/// <summary>
/// An e-mail that could not be delivered and waits in Wolverine's dead letters: to whom, about
/// what, when it last failed and why. Never the body.
/// </summary>
/// <param name="Id">The dead letter's id (the outbox envelope's id), to replay it by.</param>
/// <param name="MessageId">The e-mail's Message-Id header, the same on every attempt.</param>
/// <param name="Error">The mail server's or the network's last answer.</param>
/// <param name="Replays">How often it was replayed before and failed again.</param>
public sealed record DeadLetteredEmail(
    Guid Id,
    string? MessageId,
    string To,
    string Subject,
    DateTimeOffset FailedAt,
    string ErrorType,
    string Error,
    int Replays);

/// <summary>
/// The e-mails in Wolverine's dead letters (docs/adr/0008, amendment of 2026-12-06): listed for an
/// administrator, and replayed one at a time back onto the durable "email" queue, where they meet
/// the same retries as new mail. Reads and replays through Wolverine's own dead-letter storage.
/// </summary>
public sealed class DeadLetteredEmails(IWolverineRuntime runtime, ILogger<DeadLetteredEmails> logger)
{
    public const int Limit = 500;

    public async Task<IReadOnlyList<DeadLetteredEmail>> ListAsync(CancellationToken ct)
    {
        var found = await runtime.Storage.DeadLetters.QueryAsync(
            new DeadLetterEnvelopeQuery { MessageType = SendEmail.MessageIdentity, PageSize = Limit }, ct);
        return found.Envelopes
            .Select(letter =>
            {
                var email = Read(letter);
                return new DeadLetteredEmail(
                    letter.Id,
                    email is null ? null : email.Message.Id.ToString("N"),
                    email?.Message.ToAddress ?? "?",
                    email?.Message.Subject ?? "?",
                    letter.FailedAt ?? letter.SentAt,
                    ShortTypeName(letter.ExceptionType),
                    letter.ExceptionMessage,
                    letter.ReplayCount);
            })
            .OrderByDescending(e => e.FailedAt)
            .ToList();
    }

    /// <summary>
    /// Marks the e-mail's dead letter replayable; Wolverine's durability agent then moves it back to
    /// the durable inbox of the "email" queue. False when there is no such dead-lettered e-mail.
    /// </summary>
    public async Task<bool> ReplayAsync(Guid id, CancellationToken ct)
    {
        var letter = await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id);
        if (letter is null || letter.MessageType != SendEmail.MessageIdentity || letter.Replayable)
        {
            return false;
        }

        await runtime.Storage.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([id]), ct);
        logger.LogInformation("Dead-lettered e-mail {EnvelopeId} marked for replay", id);
        return true;
    }

    private SendEmail? Read(Wolverine.Persistence.Durability.DeadLetterEnvelope letter)
    {
        if (letter.Message is SendEmail message)
        {
            return message;
        }

        try
        {
            return letter.Envelope.Data is { Length: > 0 }
                ? runtime.Options.DefaultSerializer.ReadFromData(typeof(SendEmail), letter.Envelope) as SendEmail
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or NotSupportedException)
        {
            // A message that no longer reads is still listed (and replayable); its fields show as "?".
            logger.LogWarning("Dead-lettered e-mail {EnvelopeId} could not be read: {Error}", letter.Id, e.GetType().Name);
            return null;
        }
    }

    private static string ShortTypeName(string exceptionType) =>
        exceptionType.LastIndexOf('.') is var dot and >= 0 ? exceptionType[(dot + 1)..] : exceptionType;
}
