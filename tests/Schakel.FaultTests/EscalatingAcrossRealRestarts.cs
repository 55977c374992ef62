using System.Diagnostics;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Escalation;
using Schakel.Consultation.Pools;
using Schakel.Consultation.ResponsePromise;
using Schakel.Host.Infrastructure;
using Schakel.Testing;
using Xunit.Abstractions;

namespace Schakel.FaultTests;

/// <summary>
/// Issue 9, "Escalation across restarts and nodes", on real host processes: a question whose
/// deadline passes while the host is down (kill -9 soon after the post) is escalated once when
/// the host comes back, and still once when a second host joins; each person gets each
/// escalation e-mail once.
/// </summary>
/// <remarks>
/// The host's clock is moved back (Schakel:Clock:Shift, docs/adr/0025) so that the promise of two
/// working days, counted from the moved moment of the post, ends 30 real seconds after the
/// post. Wolverine runs scheduled messages by the real clock, so the half-time and four-fifths
/// checkpoints (real past) come due at once and the deadline checkpoint 30 s later, while the host is down.
/// A deadline is always a moment of a working day, and "30 s from now" must be one on any day of
/// the week: the hosts count every day as a working day (Schakel:Clock:EveryDayWorks, also refused in Production).
/// </remarks>
[Collection(FaultCollection.Name)]
public sealed class EscalatingAcrossRealRestarts(ITestOutputHelper output)
{
    /// <summary>Behaves as Production (see Program.cs and SchakelPlatform), but lets the clock be moved.</summary>
    public const string Environment = "FaultTesting";

    private static readonly TimeSpan DeadlineAfterPost = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly WorkingDayCalendar Calendar = new(HolidayRules.Default, everyDayWorks: true);

    [Fact]
    public async Task a_deadline_that_passes_while_the_host_is_down_is_escalated_once_when_it_is_back_and_once_with_a_second_host()
    {
        var clock = Stopwatch.StartNew();
        // The post comes after the first start (schema, region) and the sign-in, some 15 s from now; a few seconds either way
        // move the deadline with it (same working day), so it stays DeadlineAfterPost after the post.
        var shift = ShiftPuttingTheDeadline(DeadlineAfterPost, after: DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15), ConsultationPool.DefaultPromise);
        await using var rig = await FaultRig.OnTestDatabaseAsync("escalate", output, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = Environment,
            ["Schakel__Clock__Shift"] = shift.ToString(),
            ["Schakel__Clock__EveryDayWorks"] = "true",
        });
        using var gp = await rig.SignInAsync(rig.Host, SchakelRoles.GeneralPractitioner, TimeSpan.FromSeconds(10), clockShift: shift);
        var poster = new QuestionPoster(gp, await QuestionPoster.HospitalIdAsync(gp));

        var question = (await poster.PostUntilAnsweredAsync("esc-" + Guid.NewGuid().ToString("N")[..12], DateTime.UtcNow.AddSeconds(30))).QuestionId;
        // The half-time and four-fifths checkpoints are due at once: let them and every e-mail finish, so that at the kill
        // the deadline's checkpoint is the only work left (a kill amid other work is KillingTheHost's subject).
        List<EscalationLevel> beforeKill = [];
        await FaultRig.WaitUntilAsync(async () => (beforeKill = await RaisedAsync(rig, question)).Count == 2 && await UnfinishedMessagesAsync(rig, butScheduled: true) == 0,
            TimeSpan.FromSeconds(20), () => $"the reminders were not done before the deadline (raised: {string.Join(", ", beforeKill)}); waiting: {Ledger.WaitingEnvelopesAsync(rig).GetAwaiter().GetResult()}");
        await rig.Host.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;

        // Nothing by luck: the deadline was still ahead at the kill, its checkpoint waits in the inbox, and nobody raised it.
        var dueAt = await rig.ScalarAsync<DateTime>(
            $"select (data->>'dueAt')::timestamptz from events.mt_events where stream_id = '{question}' and type like '%question_posted%'");
        var untilDue = dueAt - killedAt.UtcDateTime;
        Assert.True(untilDue > TimeSpan.FromSeconds(5) && untilDue < TimeSpan.FromSeconds(60),
            $"The deadline ({dueAt:O}) should come {DeadlineAfterPost.TotalSeconds} s after the post, {untilDue.TotalSeconds:0.0} s after the kill (clock shift {shift}).");
        Assert.Equal(1, await rig.ScalarAsync<long>(
            $"select count(*) from wolverine.wolverine_incoming_envelopes where status = 'Scheduled' and message_type = '{EscalationDue.MessageIdentity}' and abs(extract(epoch from execution_time - @due)) < 0.001",
            ("due", dueAt)));
        Assert.Equal([EscalationLevel.HalfTime, EscalationLevel.FourFifths], (await RaisedAsync(rig, question)).Order());

        // The deadline passes while the host is down.
        await FaultRig.WaitUntilAsync(() => Task.FromResult(DateTime.UtcNow > dueAt.AddSeconds(2)), untilDue + TimeSpan.FromSeconds(10), () => "the deadline did not pass");
        var back = Stopwatch.StartNew();
        var downPastDue = DateTime.UtcNow - dueAt;
        await rig.Host.StartAsync(FaultRig.Restart);
        var restarted = back.Elapsed;
        List<EscalationLevel> raised = [];
        await FaultRig.WaitUntilAsync(async () => (raised = await RaisedAsync(rig, question)).Contains(EscalationLevel.Deadline), Patience,
            () => $"the deadline was not raised after the restart (raised: {string.Join(", ", raised)}); waiting: " +
                $"{Ledger.WaitingEnvelopesAsync(rig).GetAwaiter().GetResult()}{System.Environment.NewLine}{rig.Host.Tail()}");
        var deadlineRaised = back.Elapsed;
        Assert.Single(raised, EscalationLevel.Deadline);

        // A second host joins: the leader shares the agents out again (the durability agent may move to it), and nothing runs twice.
        await rig.StartAnotherHostAsync();
        var expected = await ExpectedEscalationMailAsync(rig);
        Dictionary<string, List<string>> mail = [];
        await FaultRig.WaitUntilAsync(async () =>
        {
            mail = EscalationMail(rig);
            return await UnfinishedMessagesAsync(rig) == 0 && expected.All(e => mail.TryGetValue(e.Key, out var got) && got.Distinct().Count() == e.Value);
        }, Patience, () => $"escalation e-mails (distinct, per person): {string.Join(", ", mail.Select(m => $"{m.Key} {m.Value.Distinct().Count()}"))}; " +
            $"expected {string.Join(", ", expected.Select(e => $"{e.Key} {e.Value}"))}; waiting: {Ledger.WaitingEnvelopesAsync(rig).GetAwaiter().GetResult()}");
        raised = await RaisedAsync(rig, question);

        var copies = mail.Sum(m => m.Value.Count - m.Value.Distinct().Count());
        output.WriteLine(
            $"Clock shift {shift}; deadline {untilDue.TotalSeconds:0.0} s after the kill; levels raised before the kill: {string.Join(" and ", beforeKill)}; host started again {downPastDue.TotalSeconds:0.0} s after the deadline (ready in {restarted.TotalSeconds:0.0} s), " +
            $"deadline raised {deadlineRaised.TotalSeconds:0.0} s after its start; with two hosts: raised per level {string.Join(", ", raised.GroupBy(l => l).Select(g => $"{g.Key} {g.Count()}"))}; " +
            $"escalation e-mails: {mail.Sum(m => m.Value.Distinct().Count())} distinct to {mail.Count} people, copies: {copies}; {clock.Elapsed.TotalSeconds:0} s in all.");
        Assert.Equal([EscalationLevel.HalfTime, EscalationLevel.FourFifths, EscalationLevel.Deadline], raised.Order());
        Assert.Equal(expected.Keys.Order(StringComparer.OrdinalIgnoreCase), mail.Keys.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(0, copies);
    }

    [Fact]
    public async Task a_production_host_with_a_moved_clock_refuses_to_start()
    {
        await using var host = new HostProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Schakel"] = TestDatabase.ConnectionString,
            ["Schakel__Clock__Shift"] = "-2.00:00:00",
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(FaultRig.Restart));

        Assert.Contains($"{HostClock.ShiftSetting} is set ('-2.00:00:00'), and the environment is Production", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_production_host_counting_every_day_as_a_working_day_refuses_to_start()
    {
        await using var host = new HostProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Schakel"] = TestDatabase.ConnectionString,
            ["Schakel__Clock__EveryDayWorks"] = "true",
            // Everything else a Production host needs before it reaches the modules: the refusal must be the calendar's.
            ["Schakel__Pseudonyms__Key"] = Convert.ToBase64String(new byte[32]),
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(FaultRig.Restart));

        Assert.Contains($"{WorkingDayCalendar.EveryDayWorksSetting} is set, and the environment is Production", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// How far to move the clock back so that a question posted at <paramref name="after"/> (real
    /// time) is due <paramref name="deadlineAfterPost"/> later, with a promise of <paramref name="promiseWorkingDays"/>.
    /// </summary>
    private static TimeSpan ShiftPuttingTheDeadline(TimeSpan deadlineAfterPost, DateTimeOffset after, int promiseWorkingDays)
    {
        var due = after + deadlineAfterPost;
        // The moved moment of the post whose due moment is `due`: AddWorkingDays never decreases, so halve the interval.
        var low = due - TimeSpan.FromDays(60);
        var high = due;
        while (high - low > TimeSpan.FromMilliseconds(1))
        {
            var middle = low + ((high - low) / 2);
            if (Calendar.AddWorkingDays(middle, promiseWorkingDays) < due)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var reached = Calendar.AddWorkingDays(high, promiseWorkingDays);
        return (reached - due).Duration() < TimeSpan.FromSeconds(1)
            ? high - after
            : throw new InvalidOperationException($"No question posted now can be due at {due:O}: it is not a moment of a working day of the calendar.");
    }

    private static async Task<List<EscalationLevel>> RaisedAsync(FaultRig rig, Guid question) =>
        await rig.QueryAsync(
            $"select data->>'level' from events.mt_events where stream_id = '{question}' and type like '%escalation_raised%' order by version",
            r => Enum.Parse<EscalationLevel>(r.GetString(0)));

    /// <summary>Per person, how many escalation e-mails: two reminders to each internist of the pool (the question is not claimed), the alert to each osteoporosis nurse, the late notice to the GP.</summary>
    private static async Task<Dictionary<string, int>> ExpectedEscalationMailAsync(FaultRig rig)
    {
        var accounts = await DemoLogin.ReadAsync(rig.AccountsFile);
        var expected = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var internist in accounts.Where(a => a.Role == SchakelRoles.Internist))
        {
            expected[internist.UserName] = 2;
        }

        foreach (var nurse in accounts.Where(a => a.Role == SchakelRoles.OsteoporosisNurse))
        {
            expected[nurse.UserName] = 1;
        }

        expected[(await rig.DemoAccountAsync(SchakelRoles.GeneralPractitioner)).UserName] = 1;
        return expected;
    }

    /// <summary>The escalation e-mails at the sink, per recipient: their Message-Ids, a copy counted each time (not the notification centre's e-mails, docs/adr/0020).</summary>
    private static Dictionary<string, List<string>> EscalationMail(FaultRig rig) =>
        rig.Messages()
            .Where(m => !m.TextBody.Contains("/meldingen/open/", StringComparison.Ordinal))
            .SelectMany(m => m.To.Mailboxes.Select(to => (To: to.Address, m.MessageId)))
            .GroupBy(m => m.To, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(m => m.MessageId).ToList(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Messages not yet handled or sent (the inbox keeps handled ones for a while to refuse duplicates); <paramref name="butScheduled"/>: not counting those scheduled for later.</summary>
    private static async Task<long> UnfinishedMessagesAsync(FaultRig rig, bool butScheduled = false) =>
        await rig.ScalarAsync<long>($"select count(*) from wolverine.wolverine_incoming_envelopes where status <> 'Handled'{(butScheduled ? " and status <> 'Scheduled'" : "")}")
        + await rig.ScalarAsync<long>("select count(*) from wolverine.wolverine_outgoing_envelopes");
}
