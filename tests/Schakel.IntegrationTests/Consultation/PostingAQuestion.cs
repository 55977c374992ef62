using System.Net;
using System.Text.Json;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>A GP asks a hospital pool about a patient; only the two sides may see the question.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class PostingAQuestion(IntegrationApp app) : IAsyncLifetime
{
    private readonly Guid _practice = Guid.CreateVersion7();
    private readonly Guid _hospital = Guid.CreateVersion7();

    public Task InitializeAsync() =>
        OpenConsultationPools.OpenAsync(app.Store, _hospital, "Ziekenhuis Hart van Brabant", [SpecialtyPool.InternalMedicine, SpecialtyPool.Rheumatology], CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    private CareUser Gp => TestUsers.Gp(_practice);

    private PostQuestion AQuestion(string? bsn = null, bool consent = true, SpecialtyPool pool = SpecialtyPool.Rheumatology, string reference = "P-1042") => new(
        _hospital, pool, null,
        new PostQuestion.PatientInput(new DateOnly(1948, 3, 12), Sex.Female, reference, bsn),
        consent, QuestionCategory.StoppingDenosumab,
        "Mevrouw gebruikt 6 jaar denosumab en wil stoppen. Hoe bouwen we af?",
        new ClinicalData([new Fracture("wervel L1", new DateOnly(2020, 5, 1))], [new DexaResult(DexaSite.LumbarSpine, -2.8m, new DateOnly(2025, 1, 10))], 2, [], [new BoneMedication("denosumab", new DateOnly(2019, 6, 1))], null, 1),
        WouldRefer.Yes, Urgent: false);

    private async Task<QuestionView> PostAsync(CareUser user, PostQuestion question, string? idempotencyKey = null, int status = 201)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(user);
            s.Post.Json(question).ToUrl("/api/consultations");
            if (idempotencyKey is not null)
            {
                s.WithRequestHeader(PostQuestionEndpoint.IdempotencyHeader, idempotencyKey);
            }

            s.StatusCodeShouldBe(status);
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!;
    }

    [Fact]
    public async Task a_gp_posts_a_question_and_the_pool_sees_it_with_its_due_moment()
    {
        var posted = await PostAsync(Gp, AQuestion(bsn: "111222333"));

        Assert.Equal(QuestionStatus.Open, posted.Status);
        Assert.True(posted.DenosumabFlag);
        Assert.StartsWith(PatientPseudonyms.Prefix, posted.PatientReference, StringComparison.Ordinal);
        Assert.True(posted.DueAt > posted.PostedAt.AddHours(24));
        var inbox = await app.Host.Scenario(s => s.As(TestUsers.Rheumatologist(_hospital)).Get.Url("/api/consultations"));
        Assert.Contains((await inbox.ReadAsJsonAsync<QuestionListItem[]>())!, q => q.Id == posted.Id);
    }

    [Fact]
    public async Task a_practice_nurse_posts_for_her_gp_who_is_recorded_as_responsible()
    {
        var posted = await PostAsync(TestUsers.PracticeNurse(Gp), AQuestion());

        Assert.Equal(Gp.Name, posted.ResponsibleGpName);
        Assert.Equal("M. Jansen", posted.PostedByName);
    }

    [Fact]
    public async Task the_same_patient_of_the_same_practice_keeps_one_pseudonym()
    {
        var first = await PostAsync(Gp, AQuestion(reference: "P-77"));
        var second = await PostAsync(Gp, AQuestion(reference: "p-77 "));
        var other = await PostAsync(TestUsers.Gp(Guid.CreateVersion7()), AQuestion(reference: "P-77"), status: 201);

        Assert.Equal(first.PatientReference, second.PatientReference);
        Assert.NotEqual(first.PatientReference, other.PatientReference);
    }

    [Fact]
    public async Task an_invalid_bsn_is_refused_with_a_dutch_field_message()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Post.Json(AQuestion(bsn: "123456789")).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(400);
        });

        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        var errors = problem.GetProperty("errors");
        var bsn = errors.EnumerateObject().SingleOrDefault(e => e.Name.EndsWith("bsn", StringComparison.OrdinalIgnoreCase));
        Assert.True(bsn.Value.ValueKind == JsonValueKind.Array, errors.ToString());
        Assert.Contains("elfproef", bsn.Value[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_empty_patient_reference_gets_its_dutch_field_message()
    {
        var question = AQuestion(reference: "");

        var result = await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Post.Json(question).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(400);
        });

        Assert.Contains("Vul het patiëntnummer van de praktijk in", await result.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task without_recorded_consent_no_question_is_posted()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Post.Json(AQuestion(consent: false)).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(400);
        });

        Assert.Contains("toestemming", await result.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_specialist_may_not_post_a_question()
    {
        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Rheumatologist(_hospital));
            s.Post.Json(AQuestion()).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task a_retry_with_the_same_idempotency_key_returns_the_first_question()
    {
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(Gp, AQuestion(), key);
        var retry = await PostAsync(Gp, AQuestion(), key, status: 200);

        Assert.Equal(first.Id, retry.Id);
    }

    [Fact]
    public async Task another_practice_and_another_pool_get_404_for_the_question()
    {
        var posted = await PostAsync(Gp, AQuestion(pool: SpecialtyPool.Rheumatology));

        foreach (var stranger in new[] { TestUsers.Gp(Guid.CreateVersion7()), TestUsers.Internist(_hospital), TestUsers.Rheumatologist(Guid.CreateVersion7()), TestUsers.Coordinator() })
        {
            await app.Host.Scenario(s =>
            {
                s.As(stranger);
                s.Get.Url($"/api/consultations/{posted.Id}");
                s.StatusCodeShouldBe(404);
            });
        }

        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Rheumatologist(_hospital));
            s.Get.Url($"/api/consultations/{posted.Id}");
            s.StatusCodeShouldBe(200);
        });
        var others = await app.Host.Scenario(s => s.As(TestUsers.Gp(Guid.CreateVersion7())).Get.Url("/api/consultations"));
        Assert.DoesNotContain((await others.ReadAsJsonAsync<QuestionListItem[]>())!, q => q.Id == posted.Id);
    }

    [Fact]
    public async Task posting_and_reading_are_written_to_the_access_log_with_the_pseudonym()
    {
        var posted = await PostAsync(Gp, AQuestion());
        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(Guid.CreateVersion7()));
            s.Get.Url($"/api/consultations/{posted.Id}");
            s.StatusCodeShouldBe(404);
        });

        var log = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Get.Url($"/api/access-log?patient={posted.PatientReference}"));
        var text = await log.ReadAsTextAsync();

        Assert.Contains("\"Create\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Denied\"", text, StringComparison.Ordinal);
        Assert.Contains(posted.Id.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain("111222333", text, StringComparison.Ordinal);
    }
}
