using Marten;
using Schakel.BuildingBlocks.Notifications;

namespace Schakel.Host.Notifications.Email;

/// <summary>
/// Delivers e-mail from the durable local queue "email"; what happens when the mail server fails
/// is <see cref="EmailDelivery"/>'s retry policy. An e-mail the mail server already accepted
/// (<see cref="SentEmails"/>) is not sent again when its envelope comes round a second time
/// (docs/adr/0008, amendment of issue 9).
/// </summary>
public static class SendEmailHandler
{
    public static async Task Handle(SendEmail command, IEmailSender sender, SentEmails sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(sender);
        if (await sent.WasAcceptedAsync(command.Message.Id, cancellationToken))
        {
            return;
        }

        await sender.SendAsync(command.Message, cancellationToken);
    }
}

/// <summary>An e-mail the mail server accepted (its <see cref="EmailMessage.Id"/>, the Message-Id's local part) and when.</summary>
public sealed record SentEmail(Guid Id, DateTimeOffset AcceptedAt);

/// <summary>
/// The e-mails the mail server has accepted, recorded the moment its "250 OK" arrives (before
/// saying goodbye, before Wolverine's batched bookkeeping marks the envelope handled). A host
/// killed after the OK then finds the record on restart and does not send the e-mail twice; what
/// is left is the few milliseconds between the OK and this record's commit.
/// </summary>
public sealed partial class SentEmails(IDocumentStore store, TimeProvider clock, ILogger<SentEmails> logger)
{
    public async Task<bool> WasAcceptedAsync(Guid emailId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<SentEmail>(emailId, ct) is not null;
    }

    /// <summary>Records an accepted e-mail. Never throws: the e-mail is out, and failing now would only send it again.</summary>
    public async Task RecordAcceptedAsync(Guid emailId)
    {
        try
        {
            await using var session = store.LightweightSession();
            session.Store(new SentEmail(emailId, clock.GetUtcNow()));
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Marten.Exceptions.MartenCommandException or TimeoutException or InvalidOperationException)
        {
            LogNotRecorded(logger, emailId, e.GetType().Name);
        }
    }

    [LoggerMessage(LogLevel.Warning, "E-mail {EmailId} was accepted but could not be recorded as sent ({Error}); a retry may send it again")]
    private static partial void LogNotRecorded(ILogger logger, Guid emailId, string error);
}
