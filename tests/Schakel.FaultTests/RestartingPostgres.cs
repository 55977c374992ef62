using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Schakel.FaultTests;

/// <summary>
/// Issue 9, "PostgreSQL restarted immediately": on a private cluster, under a stream of posts,
/// PostgreSQL is stopped with pg_ctl -m immediate and started again, five times. While it is away
/// the API answers 503 (a problem) within 5 s instead of hanging; once it is back the host
/// serves again within 10 s by itself; no event is lost or doubled.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class RestartingPostgres(ITestOutputHelper output)
{
    private const int Restarts = 5;
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecoverWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task during_an_immediate_restart_the_api_answers_503_fast_and_afterwards_nothing_is_lost_or_doubled()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await PrivatePostgres.StartAsync();
        await using var rig = await FaultRig.OnDatabaseAsync(cluster.ConnectionString, output);
        using var gp = await rig.SignInGpAsync(TimeSpan.FromSeconds(30));
        var hospitalId = await QuestionPoster.HospitalIdAsync(gp);
        using var load = new PostingLoad(new QuestionPoster(gp, hospitalId), streams: 3, within: TimeSpan.FromMinutes(4));
        var probe = gp; // the same signed-in session, its own requests

        var slowest = TimeSpan.Zero;
        var outageAnswers = new Dictionary<HttpStatusCode, int>();
        var recoveries = new List<TimeSpan>();
        for (var restart = 1; restart <= Restarts; restart++)
        {
            await load.WaitForAnswersAsync(5, TimeSpan.FromSeconds(30), () => rig.Host.Tail());
            await cluster.StopImmediatelyAsync();

            // While it is away: a read and a post each answer within 5 s, with 503 and a problem.
            for (var ask = 0; ask < 3; ask++)
            {
                foreach (var request in new Func<HttpRequestMessage>[] { () => Read(), () => Post(hospitalId) })
                {
                    var timer = Stopwatch.StartNew();
                    using var response = await probe.Http.SendAsync(request());
                    var took = timer.Elapsed;
                    slowest = took > slowest ? took : slowest;
                    outageAnswers[response.StatusCode] = outageAnswers.GetValueOrDefault(response.StatusCode) + 1;
                    Assert.True(took < AnswerWithin, $"An answer during the outage took {took.TotalSeconds:0.0} s.");
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.NotNull(response.Headers.RetryAfter);
                }
            }

            await cluster.StartAgainAsync();
            var back = Stopwatch.StartNew();
            await FaultRig.WaitUntilAsync(async () =>
            {
                using var read = await probe.Http.SendAsync(Read());
                using var post = await probe.Http.SendAsync(Post(hospitalId));
                return read.StatusCode == HttpStatusCode.OK && post.StatusCode == HttpStatusCode.Created;
            }, TimeSpan.FromSeconds(30), () => $"the host did not serve again after restart {restart}.{Environment.NewLine}{rig.Host.Tail()}");
            recoveries.Add(back.Elapsed);
        }

        await load.WaitForAnswersAsync(10, TimeSpan.FromSeconds(60), () => rig.Host.Tail());
        await load.StopAsync();
        using (var ready = await probe.Http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var verdict = await Verdict.OfAsync(rig, load, TimeSpan.FromSeconds(90));
        verdict.Print(output,
            $"restarts: {Restarts}, answers during the outages: {string.Join(", ", outageAnswers.Select(a => $"{(int)a.Key} x{a.Value}"))} " +
            $"(slowest {slowest.TotalSeconds:0.00} s), back in {string.Join(" / ", recoveries.Select(r => $"{r.TotalSeconds:0.0}"))} s, " +
            $"attempts: {load.Poster.Attempts} ({string.Join(", ", load.Poster.Failures.Select(f => $"{f.Key} {f.Value}"))}), {clock.Elapsed.TotalSeconds:0} s in all");
        Assert.All(recoveries, r => Assert.True(r < RecoverWithin, $"The host took {r.TotalSeconds:0.0} s to serve again."));
        Assert.Equal(1, rig.Host.Starts); // it recovered by itself, never restarted
        verdict.AssertNothingLostOrDoubled();
    }

    private static HttpRequestMessage Read() => new(HttpMethod.Get, new Uri("/api/consultations", UriKind.Relative));

    private static HttpRequestMessage Post(Guid hospitalId)
    {
        var key = $"probe-{Guid.NewGuid():N}";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/consultations", UriKind.Relative))
        {
            Content = JsonContent.Create(QuestionPoster.BodyFor(hospitalId, key, "peiling")),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
