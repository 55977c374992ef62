using Xunit.Abstractions;

namespace Schakel.FaultTests;

/// <summary>
/// The end of every fault run: what the client was told against what the database and the mail
/// server hold, once the outbox has drained; printed as counts and then asserted.
/// </summary>
public sealed record Verdict(
    int Posts, int ReplayedByKey, int Lost, int Doubled, int Unasked, int BrokenStreams, long IdempotencyRecords, int Keys,
    int Notifications, int NotificationsPerQuestion, int Emails, int EmailCopies, int OrphanEmails, TimeSpan Drained)
{
    public static async Task<Verdict> OfAsync(FaultRig rig, PostingLoad load, TimeSpan drainWithin)
    {
        var answers = load.Poster.Answers;
        var keys = load.Keys.ToHashSet(StringComparer.Ordinal);
        var stored = await Ledger.QuestionsByKeyAsync(rig);
        var lost = answers.Count(a => !stored.TryGetValue(a.Key, out var ids) || !ids.Contains(a.Value.QuestionId));
        var doubled = stored.Count(s => s.Value.Count > 1);
        var unasked = stored.Keys.Count(k => !keys.Contains(k));
        var broken = (await Ledger.BrokenStreamsAsync(rig)).Count + (await Ledger.StreamsOutOfStepAsync(rig)).Count;
        var idempotency = await Ledger.IdempotencyRecordsAsync(rig);

        // Every question's notifications, and each one's e-mail, once the outbox has drained.
        var questions = answers.Values.Select(a => a.QuestionId.ToString()).ToHashSet(StringComparer.Ordinal);
        List<(Guid Id, string Link)> notifications = [];
        Dictionary<string, int> mail = [];
        var perQuestion = 0;
        var waiting = "";
        var draining = System.Diagnostics.Stopwatch.StartNew();
        await FaultRig.WaitUntilAsync(async () =>
        {
            notifications = (await Ledger.NewQuestionNotificationsAsync(rig)).Where(n => questions.Contains(QuestionIn(n.Link))).ToList();
            var counts = notifications.GroupBy(n => QuestionIn(n.Link)).Select(g => g.Count()).ToList();
            perQuestion = counts.Count == 0 ? 0 : counts.Max();
            mail = Ledger.MessageIds(rig);
            waiting = await Ledger.WaitingEnvelopesAsync(rig);
            return perQuestion > 0 && counts.Count == questions.Count && counts.All(c => c == perQuestion)
                && notifications.All(n => mail.ContainsKey(Ledger.MessageIdOf(n.Id)));
        }, drainWithin, () =>
            $"notifications or e-mails missing: {notifications.Count} notifications for {questions.Count} questions, " +
            $"{notifications.Count(n => !mail.ContainsKey(Ledger.MessageIdOf(n.Id)))} without e-mail; waiting in the durable inbox: {waiting}.{Environment.NewLine}{rig.Host.Tail()}");

        var ids = notifications.Select(n => Ledger.MessageIdOf(n.Id)).ToHashSet(StringComparer.Ordinal);
        var ours = mail.Where(m => ids.Contains(m.Key)).ToList();
        var newQuestionMail = rig.Messages().Where(m => m.Subject.Contains("consultatievraag", StringComparison.OrdinalIgnoreCase)).Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        // An e-mail for a notification that was never stored (a rolled-back transaction's): any question's, the load's or not.
        var everyNotification = (await Ledger.NewQuestionNotificationsAsync(rig)).Select(n => Ledger.MessageIdOf(n.Id)).ToHashSet(StringComparer.Ordinal);
        var orphans = newQuestionMail.Count(m => !everyNotification.Contains(m));
        return new Verdict(answers.Count, answers.Values.Count(a => a.Status == System.Net.HttpStatusCode.OK), lost, doubled, unasked, broken, idempotency, keys.Count,
            notifications.Count, perQuestion, ours.Count, ours.Sum(m => m.Value - 1), orphans, draining.Elapsed);
    }

    private static string QuestionIn(string link) => link.TrimEnd('/').Split('/')[^1];

    public void Print(ITestOutputHelper output, string faults) =>
        output.WriteLine(
            $"{faults}; posts: {Posts} ({ReplayedByKey} answered by a retry with 200 and the first question), lost: {Lost}, doubled: {Doubled}, unasked: {Unasked}, broken streams: {BrokenStreams}, " +
            $"idempotency records: {IdempotencyRecords} for {Keys} keys; notifications: {Notifications} ({NotificationsPerQuestion} per question), " +
            $"e-mails: {Emails} distinct, copies: {EmailCopies}, orphans: {OrphanEmails}; all delivered {Drained.TotalSeconds:0.0} s after the load.");

    /// <param name="tolerableEmailCopies">
    /// 0 unless the host is killed: SMTP has no idempotent submission, so a kill after the mail server
    /// took an e-mail but before the host heard its OK (and recorded it, see SentEmails) sends that
    /// e-mail again, with the same Message-Id (docs/adr/0008). Questions and notifications never double.
    /// </param>
    public void AssertNothingLostOrDoubled(int tolerableEmailCopies = 0)
    {
        Assert.Equal(Keys, Posts);
        Assert.Equal(0, Lost);
        Assert.Equal(0, Doubled);
        Assert.Equal(0, Unasked);
        Assert.Equal(0, BrokenStreams);
        Assert.Equal(Keys, IdempotencyRecords);
        Assert.Equal(Notifications, Emails);
        Assert.True(EmailCopies <= tolerableEmailCopies, $"{EmailCopies} e-mails arrived twice; at most {tolerableEmailCopies} may.");
        Assert.Equal(0, OrphanEmails);
    }
}
