using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Schakel.FaultTests;

/// <summary>
/// A GP information system that posts consultation questions, each with its own Idempotency-Key,
/// and retries each until it gets an answer (what a client must do when the server may die
/// between receiving a request and answering it). Records every attempt and every answer.
/// </summary>
public sealed class QuestionPoster(SignedInClient client, Guid hospitalId)
{
    public const string Marker = "foutinjectie";

    /// <summary>What the client knows in the end: per key, the id it was given and by which status.</summary>
    public ConcurrentDictionary<string, Answer> Answers { get; } = new(StringComparer.Ordinal);

    public int Attempts => _attempts;

    /// <summary>Attempts that got no answer or a 5xx (the reasons, counted).</summary>
    public ConcurrentDictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    private int _attempts;

    public sealed record Answer(Guid QuestionId, HttpStatusCode Status, int Attempt);

    /// <summary>The pool the demo hospital opened for internal medicine.</summary>
    public static async Task<Guid> HospitalIdAsync(SignedInClient client)
    {
        using var response = await client.Http.GetAsync(new Uri("/api/consultations/pools", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var pools = await response.Content.ReadFromJsonAsync<JsonElement>();
        return pools.EnumerateArray().First(p => p.GetProperty("pool").GetString() == "InternalMedicine").GetProperty("hospitalId").GetGuid();
    }

    /// <summary>Posts the question for <paramref name="key"/> until the server answers 201 or 200; gives up only at <paramref name="deadline"/>.</summary>
    public async Task<Answer> PostUntilAnsweredAsync(string key, DateTime deadline, Action<HttpResponseMessage>? onFirstResponse = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Increment(ref _attempts);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/consultations", UriKind.Relative))
                {
                    Content = JsonContent.Create(BodyFor(hospitalId, key, Marker)),
                };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await client.Http.SendAsync(request);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    var view = await response.Content.ReadFromJsonAsync<JsonElement>();
                    var answer = new Answer(view.GetProperty("id").GetGuid(), response.StatusCode, attempt);
                    Answers[key] = answer;
                    return answer;
                }

                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException($"Posting {key} (attempt {attempt}) answered {(int)response.StatusCode}: {body}");
                }

                Count($"{(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                Count(e.HttpRequestError.ToString());
            }
            catch (TaskCanceledException)
            {
                Count("timeout");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Posting {key}: no answer after {attempt} attempts.");
            }

            // A retry interval, not a wait for a condition: the client does not know when the server is back.
            await Task.Delay(TimeSpan.FromMilliseconds(100 + Random.Shared.Next(150)));
        }
    }

    private void Count(string reason) => Failures.AddOrUpdate(reason, 1, (_, n) => n + 1);

    /// <summary>A question whose text carries <paramref name="marker"/> and the key, so the ledger finds each key's questions.</summary>
    public static object BodyFor(Guid hospitalId, string key, string marker) => new
    {
        hospitalId,
        pool = "InternalMedicine",
        patient = new { dateOfBirth = "1948-05-17", sex = "Female", practicePatientReference = "HIS-FT-" + key[^6..].ToUpperInvariant(), bsn = (string?)null },
        consentRecorded = true,
        category = "ChoiceOfDrug",
        text = $"Polsfractuur na val, T-score -2,8. Welk middel adviseert u? ({marker} {key})",
        wouldReferWithout = "Yes",
        urgent = false,
    };
}
