using System.Diagnostics;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Testing;
using Xunit.Abstractions;

namespace Schakel.FaultTests;

/// <summary>
/// Issue 9, "Two hosts as one": two host processes on different loopback ports share one database
/// and a private redis-server (the SignalR backplane). A question posted through host A reaches an
/// internist whose portal is connected to host B, live. Wolverine's agents (leadership, the
/// durability agent that runs scheduled messages and recovers other nodes' envelopes) run on one
/// node each; kill -9 the node that holds the durability agent and they all move to the survivor,
/// which then runs the scheduled work: an e-mail retry that came due after the kill.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TwoHostsAsOne(ITestOutputHelper output)
{
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MoveWithin = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ScheduledRetry = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task a_question_through_host_a_reaches_host_b_live_and_the_agents_and_scheduled_work_move_to_the_survivor_of_a_kill()
    {
        var clock = Stopwatch.StartNew();
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var rig = await FaultRig.OnTestDatabaseAsync("twohosts", output, new Dictionary<string, string>
        {
            ["Schakel__Live__Redis"] = redis.ConnectionString,
            // A refused e-mail is tried again once in memory, then once on a schedule: scheduled work the test can watch.
            ["Schakel__Smtp__RetryCooldowns__0"] = "00:00:00.100",
            ["Schakel__Smtp__ScheduledRetries__0"] = ScheduledRetry.ToString(),
        });
        var a = rig.Host;
        var b = await rig.StartAnotherHostAsync();

        // Live: the GP posts through A, the internist listens on B.
        using var gp = await rig.SignInAsync(a, SchakelRoles.GeneralPractitioner, TimeSpan.FromSeconds(10));
        using var internist = await rig.SignInAsync(b, SchakelRoles.Internist, TimeSpan.FromSeconds(10));
        await using var onB = await LiveListener.ConnectAsync(internist, clock);
        var poster = new QuestionPoster(gp, await QuestionPoster.HospitalIdAsync(gp));
        var sent = clock.Elapsed;
        var question = await poster.PostUntilAnsweredAsync("th-" + Guid.NewGuid().ToString("N")[..12], DateTime.UtcNow.AddSeconds(30));
        var answered = clock.Elapsed;
        var (change, heard) = await onB.NextAboutAsync(question.QuestionId, LiveWithin);
        Assert.Equal("Posted", change);
        output.WriteLine($"Live across hosts: posted through A ({a.BaseAddress}) in {(answered - sent).TotalMilliseconds:0} ms; the internist on B ({b.BaseAddress}) " +
            $"heard it {(heard - answered).TotalMilliseconds:0} ms after the post's answer ({(heard - sent).TotalMilliseconds:0} ms after it was sent).");

        // One node per agent, on the two live nodes; node numbers follow the start order (A registered before B started).
        // The leader hands out the agents a few seconds after the nodes start: wait until the durability agent has its node.
        var before = await Cluster.ReadAsync(rig);
        await FaultRig.WaitUntilAsync(async () => (before = await Cluster.ReadAsync(rig)).Nodes.Count == 2 && before.Agents.Any(IsDurabilityAgent),
            TimeSpan.FromSeconds(60), () => $"the agents were not handed out: {before}");
        output.WriteLine($"Before the kill: {before}");
        Assert.Equal(2, before.Nodes.Count);
        Assert.NotEmpty(before.Agents);
        Assert.All(before.Agents, agent => Assert.Contains(agent.Node, before.Nodes.Select(n => n.Id)));
        Assert.Equal(before.Agents.Count, before.Agents.Select(agent => agent.Uri).Distinct(StringComparer.Ordinal).Count());
        var durability = Assert.Single(before.Agents, IsDurabilityAgent);
        var (victim, survivor) = before.Nodes.OrderBy(n => n.Number).First().Id == durability.Node ? (a, b) : (b, a);
        var survivorNode = before.Nodes.Single(n => n.Id != durability.Node).Id;

        // Scheduled work for after the kill: the mail server is down when the e-mails of a new question are sent; each is retried on a schedule.
        await rig.Mail.StopAsync();
        var second = await poster.PostUntilAnsweredAsync("th-" + Guid.NewGuid().ToString("N")[..12], DateTime.UtcNow.AddSeconds(30));
        await FaultRig.WaitUntilAsync(async () => await ScheduledEmailsAsync(rig) > 0, TimeSpan.FromSeconds(30),
            () => $"no e-mail retry was scheduled; waiting: {Ledger.WaitingEnvelopesAsync(rig).GetAwaiter().GetResult()}");

        var killedAt = DateTimeOffset.UtcNow;
        var killClock = Stopwatch.StartNew();
        await victim.KillAsync();
        var firstDue = await rig.ScalarAsync<DateTime>(
            $"select min(execution_time) from wolverine.wolverine_incoming_envelopes where status = 'Scheduled' and message_type = '{SendEmail.MessageIdentity}'");
        Assert.True(firstDue > killedAt.UtcDateTime, $"The e-mail retry was due at {firstDue:O}, before the kill at {killedAt:O}: it proves nothing about the survivor.");
        await rig.Mail.StartAsync();

        Cluster after = before;
        await FaultRig.WaitUntilAsync(async () =>
        {
            after = await Cluster.ReadAsync(rig);
            return after.Nodes.Count == 1 && after.Agents.Count >= before.Agents.Count && after.Agents.All(agent => agent.Node == survivorNode);
        }, MoveWithin, () => $"the agents did not all move to the survivor: {after}");
        var moved = killClock.Elapsed;
        output.WriteLine($"After the kill of {(victim == a ? "A" : "B")} (pid gone, it held the durability agent): {after}");

        // The scheduled retries come due on the survivor, which sends the e-mails (one per notification of the second question).
        var emails = 0;
        await FaultRig.WaitUntilAsync(async () =>
        {
            var notifications = (await Ledger.NewQuestionNotificationsAsync(rig)).Where(n => n.Link.Contains(second.QuestionId.ToString(), StringComparison.Ordinal)).ToList();
            var ids = Ledger.MessageIds(rig);
            emails = notifications.Count(n => ids.ContainsKey(Ledger.MessageIdOf(n.Id)));
            return notifications.Count > 0 && emails == notifications.Count;
        }, MoveWithin, () => $"the survivor did not send the retried e-mails ({emails} arrived); waiting: {Ledger.WaitingEnvelopesAsync(rig).GetAwaiter().GetResult()}{Environment.NewLine}{survivor.Tail()}");
        var delivered = killClock.Elapsed;

        output.WriteLine(
            $"Killed the node with the durability agent; every agent ({after.Agents.Count}) ran on the survivor {moved.TotalSeconds:0.0} s later; " +
            $"the e-mail retries due {(firstDue - killedAt.UtcDateTime).TotalSeconds:0.0} s after the kill arrived {delivered.TotalSeconds:0.0} s after it ({emails} e-mails); " +
            $"{clock.Elapsed.TotalSeconds:0} s in all.");
    }

    /// <summary>The agent that runs a database's scheduled messages and recovers dead nodes' envelopes.</summary>
    private static bool IsDurabilityAgent((string Uri, Guid Node) agent) => agent.Uri.StartsWith("wolverinedb://", StringComparison.Ordinal);

    private static Task<long> ScheduledEmailsAsync(FaultRig rig) =>
        rig.ScalarAsync<long>($"select count(*) from wolverine.wolverine_incoming_envelopes where status = 'Scheduled' and message_type = '{SendEmail.MessageIdentity}'");

    /// <summary>Wolverine's node table and agent assignments, read directly.</summary>
    private sealed record Cluster(List<(Guid Id, int Number)> Nodes, List<(string Uri, Guid Node)> Agents)
    {
        public static async Task<Cluster> ReadAsync(FaultRig rig) => new(
            await rig.QueryAsync("select id, node_number from wolverine.wolverine_nodes order by node_number", r => (r.GetGuid(0), r.GetInt32(1))),
            await rig.QueryAsync("select id, node_id from wolverine.wolverine_node_assignments order by id", r => (r.GetString(0), r.GetGuid(1))));

        public override string ToString() =>
            $"nodes {string.Join(", ", Nodes.Select(n => $"#{n.Number}"))}; agents " +
            string.Join(", ", Agents.Select(agent => $"{agent.Uri} on #{Nodes.FirstOrDefault(n => n.Id == agent.Node).Number}"));
    }
}
