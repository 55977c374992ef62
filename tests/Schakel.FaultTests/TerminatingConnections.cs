using System.Diagnostics;
using System.Net;
using Npgsql;
using Xunit.Abstractions;

namespace Schakel.FaultTests;

/// <summary>
/// Issue 9, "A database connection killed mid-commit": pg_terminate_backend on the host's busy
/// backends, again and again, while posts stream in. A post whose commit was cut off either
/// happened or did not; the client cannot tell, retries with the same key, and gets the first
/// question back (the same id) when it had happened. Nothing is lost or doubled.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TerminatingConnections(ITestOutputHelper output)
{
    private const int Rounds = 60;

    [Fact]
    public async Task a_retry_after_a_connection_killed_mid_commit_returns_the_first_question()
    {
        var clock = Stopwatch.StartNew();
        await using var rig = await FaultRig.OnTestDatabaseAsync("terminate", output);
        using var gp = await rig.SignInGpAsync(TimeSpan.FromSeconds(10));
        using var load = new PostingLoad(new QuestionPoster(gp, await QuestionPoster.HospitalIdAsync(gp)), streams: 6, within: TimeSpan.FromMinutes(3));
        await load.WaitForAnswersAsync(5, TimeSpan.FromSeconds(30), () => rig.Host.Tail());

        var terminated = 0;
        var hostPid = rig.Host.ProcessId;
        for (var round = 0; round < Rounds; round++)
        {
            // The host's backends that are doing something (in a statement or inside a transaction), not idle ones.
            terminated += await rig.ScalarAsync<int>(
                """
                select count(*) from (
                  select pg_terminate_backend(pid) from pg_stat_activity
                  where datname = current_database() and pid <> pg_backend_pid() and state in ('active', 'idle in transaction')
                ) as t
                """);
            await Task.Delay(Random.Shared.Next(20, 200));
        }

        await load.WaitForAnswersAsync(10, TimeSpan.FromSeconds(60), () => rig.Host.Tail());
        await load.StopAsync();
        Assert.Equal(hostPid, rig.Host.ProcessId); // the host survived it: no restart hides anything
        var verdict = await Verdict.OfAsync(rig, load, TimeSpan.FromSeconds(60));

        // The keys whose first attempt failed: their retry's answer must be the one question stored for the key.
        var stored = await Ledger.QuestionsByKeyAsync(rig);
        var retried = load.Poster.Answers.Where(a => a.Value.Attempt > 1).ToList();
        var replayed = retried.Count(a => a.Value.Status == HttpStatusCode.OK);
        var mismatched = retried.Count(a => !stored.TryGetValue(a.Key, out var ids) || ids.Count != 1 || ids[0] != a.Value.QuestionId);

        // And once more, as a client does that never saw its answer: the same keys give the same questions, with 200.
        var again = 0;
        foreach (var (key, first) in retried.Concat(load.Poster.Answers.Where(a => a.Value.Attempt == 1).Take(10)).ToList())
        {
            var repeat = await load.Poster.PostUntilAnsweredAsync(key, DateTime.UtcNow.AddSeconds(30));
            Assert.Equal(HttpStatusCode.OK, repeat.Status);
            Assert.Equal(first.QuestionId, repeat.QuestionId);
            again++;
        }

        verdict.Print(output,
            $"terminated backends: {terminated} in {Rounds} rounds, retried posts: {retried.Count} ({replayed} answered 200 with the first question, " +
            $"{retried.Count - replayed} created on retry), mismatched: {mismatched}, posted again with the same key: {again} (each 200, same id), attempts: {load.Poster.Attempts} " +
            $"({string.Join(", ", load.Poster.Failures.Select(f => $"{f.Key} {f.Value}"))}), {clock.Elapsed.TotalSeconds:0} s in all");
        Assert.True(terminated > 0, "No backend was terminated: the fault never happened.");
        Assert.NotEmpty(retried);
        Assert.Equal(0, mismatched);
        verdict.AssertNothingLostOrDoubled();
        NpgsqlConnection.ClearAllPools();
    }
}
