using System.Text.Json;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Testing;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>Post, claim, clarify (the clock pauses), answer, close; and the refusals on the way.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheLifecycle(IntegrationApp app) : IAsyncLifetime
{
    private readonly Guid _hospital = Guid.CreateVersion7();
    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());
    private CareUser _rheumatologist = null!;

    public async Task InitializeAsync()
    {
        _rheumatologist = TestUsers.Rheumatologist(_hospital);
        await OpenConsultationPools.OpenAsync(app.Store, _hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<QuestionView> Send(CareUser who, string url, object? body = null, int status = 200)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(who);
            if (body is null)
            {
                s.Post.Url(url);
            }
            else
            {
                s.Post.Json(body).ToUrl(url);
            }

            s.StatusCodeShouldBe(status);
        });
        return status is 200 or 201 ? (await result.ReadAsJsonAsync<QuestionView>())! : null!;
    }

    private Task<QuestionView> PostAsync() => Send(_gp, "/api/consultations", new PostQuestion(_hospital, SpecialtyPool.Rheumatology, null,
        new PostQuestion.PatientInput(new DateOnly(1952, 9, 9), Sex.Female, "L-" + Guid.NewGuid().ToString("N")[..6], null),
        true, QuestionCategory.EvaluationAfterFiveYears, "Vijf jaar alendroninezuur, T-score heup -2,1. Stoppen?", null, WouldRefer.Yes, false), 201);

    [Fact]
    public async Task a_question_goes_from_posted_to_closed_and_its_timeline_tells_the_story()
    {
        var posted = await PostAsync();
        var id = posted.Id;

        await Send(_rheumatologist, $"/api/consultations/{id}/claim");
        var paused = await Send(_rheumatologist, $"/api/consultations/{id}/clarification-requests", new RequestClarification("Is er een recente VFA?"));
        Assert.Equal(QuestionStatus.AwaitingClarification, paused.Status);
        await Task.Delay(50);
        var resumed = await Send(_gp, $"/api/consultations/{id}/clarifications", new GiveClarification("Nee, geen VFA in de laatste 3 jaar."));
        Assert.Equal(QuestionStatus.Claimed, resumed.Status);
        Assert.True(resumed.DueAt >= posted.DueAt, "The due moment moves on by the pause.");
        var answered = await Send(_rheumatologist, $"/api/consultations/{id}/answer", new AnswerQuestion("Drug holiday van 2 jaar; herhaal DEXA over 2 jaar.", AnswerOutcome.AdviceOnly));
        Assert.Equal(QuestionStatus.Answered, answered.Status);
        var closed = await Send(_gp, $"/api/consultations/{id}/close", new CloseQuestion(AvoidedReferral: true, Usefulness: 5));
        Assert.Equal(QuestionStatus.Closed, closed.Status);

        var timeline = await app.Host.Scenario(s => s.As(_gp).Get.Url($"/api/consultations/{id}/timeline"));
        var kinds = JsonDocument.Parse(await timeline.ReadAsTextAsync()).RootElement.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["posted", "claimed", "clarification-requested", "clarification-given", "answered", "closed"], kinds);
    }

    [Fact]
    public async Task a_referral_advice_reaches_the_referral_module_as_a_ready_referral_for_the_practice_only()
    {
        var posted = await PostAsync();
        await Send(_rheumatologist, $"/api/consultations/{posted.Id}/claim");

        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ =>
            Send(_rheumatologist, $"/api/consultations/{posted.Id}/answer", new AnswerQuestion("Verwijs voor start van teriparatide.", AnswerOutcome.ReferralAdvised))));

        var advised = tracked.Executed.SingleMessage<Schakel.Consultation.Contracts.ReferralAdvisedIntegrationEvent>();
        Assert.Equal(posted.PatientReference, advised.PatientReference);
        var mine = await app.Host.Scenario(s => s.As(_gp).Get.Url("/api/referral/proposals"));
        Assert.Contains(posted.Id.ToString(), await mine.ReadAsTextAsync(), StringComparison.Ordinal);
        var others = await app.Host.Scenario(s => s.As(TestUsers.Gp(Guid.CreateVersion7())).Get.Url("/api/referral/proposals"));
        Assert.DoesNotContain(posted.Id.ToString(), await others.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_coordinator_sees_counts_per_pool_and_no_patient_data()
    {
        var posted = await PostAsync();

        var overview = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Get.Url("/api/consultations/overview"));
        var text = await overview.ReadAsTextAsync();

        Assert.Contains("Testziekenhuis", text, StringComparison.Ordinal);
        Assert.DoesNotContain(posted.PatientReference, text, StringComparison.Ordinal);
        await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Get.Url("/api/consultations/overview");
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task the_two_sides_exchange_messages_that_are_never_edited_and_shown_safely()
    {
        var posted = await PostAsync();
        await Send(_gp, $"/api/consultations/{posted.Id}/messages", new PostMessage("<script>alert(1)</script> Aanvulling: ook heupfractuur 2019.", null));
        await Send(_rheumatologist, $"/api/consultations/{posted.Id}/messages", new PostMessage("Dank u.", null));
        await Send(_gp, $"/api/consultations/{posted.Id}/messages", new PostMessage("Correctie", Guid.CreateVersion7()), status: 409);

        var timeline = await app.Host.Scenario(s => s.As(_gp).Get.Url($"/api/consultations/{posted.Id}/timeline"));
        var entries = JsonDocument.Parse(await timeline.ReadAsTextAsync()).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count(e => e.GetProperty("kind").GetString() == "message"));

        var page = await app.Host.Scenario(s => s.As(_gp).Get.Url($"/consultaties/{posted.Id}"));
        var html = await page.ReadAsTextAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_colleague_cannot_answer_a_question_claimed_by_someone_else()
    {
        var posted = await PostAsync();
        await Send(_rheumatologist, $"/api/consultations/{posted.Id}/claim");

        await Send(TestUsers.Rheumatologist(_hospital, "Dr. Collega"), $"/api/consultations/{posted.Id}/answer",
            new AnswerQuestion("Mijn advies.", AnswerOutcome.NoActionNeeded), status: 403);
    }

    [Fact]
    public async Task an_answered_question_cannot_be_withdrawn()
    {
        var posted = await PostAsync();
        await Send(_rheumatologist, $"/api/consultations/{posted.Id}/claim");
        await Send(_rheumatologist, $"/api/consultations/{posted.Id}/answer", new AnswerQuestion("Verwijzen naar de polikliniek.", AnswerOutcome.ReferralAdvised));

        await Send(_gp, $"/api/consultations/{posted.Id}/withdraw", status: 409);
    }

    [Fact]
    public async Task an_unanswered_question_can_be_withdrawn_and_then_not_claimed()
    {
        var posted = await PostAsync();

        var withdrawn = await Send(_gp, $"/api/consultations/{posted.Id}/withdraw");

        Assert.Equal(QuestionStatus.Withdrawn, withdrawn.Status);
        await Send(_rheumatologist, $"/api/consultations/{posted.Id}/claim", status: 409);
    }

    [Fact]
    public async Task closing_needs_a_usefulness_score_from_one_to_five()
    {
        var posted = await PostAsync();

        await Send(_gp, $"/api/consultations/{posted.Id}/close", new CloseQuestion(false, 9), status: 400);
    }
}
