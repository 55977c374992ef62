using System.Diagnostics;
using Xunit.Abstractions;

namespace Schakel.FaultTests;

/// <summary>
/// Issue 9, "Host killed": kill -9 the host 20 times at random moments while GP systems stream
/// posts with idempotency keys (and the posts' notification e-mails are on their way). Nothing a
/// client was told is lost, no key makes two questions, every notification is stored once and its
/// e-mail arrives; a kill may cut off the mail server's OK, and then that one e-mail comes twice with
/// the same Message-Id (SMTP has no idempotent submission; docs/adr/0008), which is counted.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class KillingTheHost(ITestOutputHelper output)
{
    private const int Kills = 20;

    [Fact]
    public async Task twenty_kills_lose_no_post_double_no_key_and_every_notification_e_mail_arrives()
    {
        var clock = Stopwatch.StartNew();
        await using var rig = await FaultRig.OnTestDatabaseAsync("kills", output);
        using var gp = await rig.SignInGpAsync(TimeSpan.FromSeconds(10));
        using var load = new PostingLoad(new QuestionPoster(gp, await QuestionPoster.HospitalIdAsync(gp)), streams: 4, within: TimeSpan.FromMinutes(5));

        var away = new List<TimeSpan>();
        for (var kill = 1; kill <= Kills; kill++)
        {
            // A random moment, but one with posts in flight: two answered since the last start, then 0-1.2 s more.
            await load.WaitForAnswersAsync(2, TimeSpan.FromSeconds(60), () => rig.Host.Tail());
            await Task.Delay(Random.Shared.Next(0, 1200));
            away.Add(await rig.KillAndRestartAsync());
        }

        await load.WaitForAnswersAsync(10, TimeSpan.FromSeconds(60), () => rig.Host.Tail());
        await load.StopAsync();
        var verdict = await Verdict.OfAsync(rig, load, TimeSpan.FromSeconds(120));

        verdict.Print(output,
            $"kills: {rig.Host.Kills}, restarts: {rig.Host.Starts - 1} (away {away.Average(a => a.TotalSeconds):0.0} s on average, longest {away.Max().TotalSeconds:0.0} s), " +
            $"attempts: {load.Poster.Attempts} ({string.Join(", ", load.Poster.Failures.Select(f => $"{f.Key} {f.Value}"))}), {clock.Elapsed.TotalSeconds:0} s in all");
        Assert.Equal(Kills, rig.Host.Kills);
        Assert.True(verdict.Posts >= Kills * 2, "Too few posts to mean anything.");
        // At most one copy per kill: the e-mail (of four in flight) whose OK the kill cut off.
        verdict.AssertNothingLostOrDoubled(tolerableEmailCopies: Kills);
    }
}

/// <summary>Fault tests start real processes and clusters: one at a time, never beside other fault tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}
