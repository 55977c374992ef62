using System.Text.RegularExpressions;

namespace Schakel.FaultTests;

/// <summary>
/// What the database and the mail server hold after a run, read directly (SQL on the event store
/// and the notification documents, .eml files at the SMTP sink), to compare with what the client was told.
/// </summary>
public static partial class Ledger
{
    /// <summary>Per idempotency key in the posted question texts: the streams that hold a QuestionPosted for it.</summary>
    public static async Task<Dictionary<string, List<Guid>>> QuestionsByKeyAsync(FaultRig rig)
    {
        var rows = await rig.QueryAsync(
            "select stream_id, data->>'text' from events.mt_events where type like '%question_posted%' and data->>'text' like '%" + QuestionPoster.Marker + "%'",
            r => (Stream: r.GetGuid(0), Text: r.GetString(1)));
        return rows.GroupBy(r => KeyIn().Match(r.Text).Groups[1].Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Stream).ToList(), StringComparer.Ordinal);
    }

    /// <summary>How many idempotency records (one per practice and key) the consultation module holds for the load's keys (ft-...).</summary>
    public static Task<long> IdempotencyRecordsAsync(FaultRig rig) =>
        rig.ScalarAsync<long>("select count(*) from consultation.mt_doc_postquestionendpoint_idempotentpost where id like '%:ft-%'");

    /// <summary>
    /// Streams whose event versions are not exactly 1..n (a gap or a doubled version). Marten's
    /// tombstones are left out: the daemon writes them into a stream of their own to fill the
    /// sequence numbers of rolled-back transactions.
    /// </summary>
    public static async Task<List<Guid>> BrokenStreamsAsync(FaultRig rig) =>
        await rig.QueryAsync(
            """
            select stream_id from events.mt_events where type <> 'tombstone' group by stream_id
            having min(version) <> 1 or max(version) <> count(*) or count(distinct version) <> count(*)
            """,
            r => r.GetGuid(0));

    /// <summary>Streams whose recorded version (mt_streams) is not the number of their events.</summary>
    public static async Task<List<Guid>> StreamsOutOfStepAsync(FaultRig rig) =>
        await rig.QueryAsync(
            """
            select s.id from events.mt_streams s left join events.mt_events e on e.stream_id = s.id
            group by s.id, s.version having s.version <> count(e.seq_id) and bool_or(e.type <> 'tombstone')
            """,
            r => r.GetGuid(0));

    /// <summary>The "new question in your pool" notifications: (notification id, question link).</summary>
    public static async Task<List<(Guid Id, string Link)>> NewQuestionNotificationsAsync(FaultRig rig) =>
        await rig.QueryAsync(
            "select id, data->>'link' from schakel.mt_doc_notification where data->>'kind' = 'consultation.posted'",
            r => (r.GetGuid(0), r.GetString(1)));

    /// <summary>Message-Ids at the SMTP sink, each with how many copies arrived.</summary>
    public static Dictionary<string, int> MessageIds(FaultRig rig) =>
        rig.Messages().GroupBy(m => m.MessageId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>
    /// Envelopes waiting in Wolverine's durable inbox to be handled now (not scheduled ones), by type
    /// and owning node: what "missing" notifications and e-mails are still sitting in.
    /// </summary>
    public static async Task<string> WaitingEnvelopesAsync(FaultRig rig)
    {
        var rows = await rig.QueryAsync(
            "select message_type, owner_id, attempts, count(*) from wolverine.wolverine_incoming_envelopes where status = 'Incoming' group by 1, 2, 3",
            r => $"{r.GetString(0)} (owner node {r.GetInt32(1)}, attempts {r.GetInt32(2)}): {r.GetInt64(3)}");
        return rows.Count == 0 ? "none" : string.Join("; ", rows);
    }

    /// <summary>The Message-Id the host gives a notification's e-mail (its id at the sender's domain, see MailKitEmailSender).</summary>
    public static string MessageIdOf(Guid notificationId) => $"{notificationId:N}@{FaultRig.SenderDomain}";

    /// <summary>The notification id behind a Message-Id ("{id:N}@domain", see MailKitEmailSender).</summary>
    public static Guid? NotificationOf(string messageId) =>
        Guid.TryParseExact(messageId.Split('@')[0], "N", out var id) ? id : null;

    [GeneratedRegex(QuestionPoster.Marker + @" (ft-[0-9a-f]+)\)")]
    private static partial Regex KeyIn();
}
