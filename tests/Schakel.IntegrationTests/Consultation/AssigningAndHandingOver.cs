using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Absence;
using Schakel.Consultation.Assignment;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Testing;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>
/// Who holds a question: hand-over to a colleague, absence that returns her questions to the pool,
/// automatic and named assignment, and the follow-up question that reopens an answer. Real accounts,
/// so the care directory knows the specialists.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class AssigningAndHandingOver(IntegrationApp app) : IAsyncLifetime
{
    private readonly Given _given = new(app);
    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());
    private Guid _hospital;

    public async Task InitializeAsync()
    {
        _hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, _hospital, "Testziekenhuis", [SpecialtyPool.InternalMedicine, SpecialtyPool.Rheumatology], CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<CareUser> AnInternistAsync(string name, Guid? hospital = null)
    {
        var person = await _given.AnAccountAsync(SchakelRoles.Internist, hospital ?? _hospital, pool: SpecialtyPool.InternalMedicine, name: name);
        return TestUsers.Internist(hospital ?? _hospital, name) with { UserId = person.Id, ResponsibleUserId = person.Id };
    }

    private async Task<CareUser> ARheumatologistAsync(string name)
    {
        var person = await _given.AnAccountAsync(SchakelRoles.Rheumatologist, _hospital, pool: SpecialtyPool.Rheumatology, name: name);
        return TestUsers.Rheumatologist(_hospital, name) with { UserId = person.Id, ResponsibleUserId = person.Id };
    }

    private static PostQuestion AQuestion(Guid hospital, Guid? named = null) => new(hospital, SpecialtyPool.InternalMedicine, named,
        new PostQuestion.PatientInput(new DateOnly(1951, 3, 3), Sex.Female, "H-" + Guid.NewGuid().ToString("N")[..6], null),
        true, QuestionCategory.ChoiceOfDrug, "Alendroninezuur of zoledroninezuur bij slikproblemen?", null, WouldRefer.NotSure, false);

    /// <summary>Posts and waits until the assignment that follows has run (it may leave the question open).</summary>
    private async Task<QuestionView> PostAsync(Guid? named = null)
    {
        IScenarioResult result = null!;
        await app.Host.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
            result = await app.Host.Scenario(s =>
            {
                s.As(_gp);
                s.Post.Json(AQuestion(_hospital, named)).ToUrl("/api/consultations");
                s.StatusCodeShouldBe(201);
            })));
        return await ReadAsync((await result.ReadAsJsonAsync<QuestionView>())!.Id);
    }

    private async Task<QuestionView> ReadAsync(Guid id)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Get.Url($"/api/consultations/{id}");
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!;
    }

    private Task<IScenarioResult> SendAsync(CareUser who, string url, object? body, int status, string method = "POST") => app.Host.Scenario(s =>
    {
        s.As(who);
        switch (method, body)
        {
            case ("PUT", _):
                s.Put.Json(body!).ToUrl(url);
                break;
            case ("DELETE", _):
                s.Delete.Url(url);
                break;
            case (_, null):
                s.Post.Url(url);
                break;
            default:
                s.Post.Json(body).ToUrl(url);
                break;
        }

        s.StatusCodeShouldBe(status);
    });

    private Task<IScenarioResult> ClaimAsync(CareUser who, Guid id, int status = 200) => SendAsync(who, $"/api/consultations/{id}/claim", null, status);

    private Task<IScenarioResult> AnswerAsync(CareUser who, Guid id, int status = 200) =>
        SendAsync(who, $"/api/consultations/{id}/answer", new AnswerQuestion("Zoledroninezuur 5 mg i.v. eenmaal per jaar.", AnswerOutcome.AdviceOnly), status);

    private Task<IScenarioResult> HandOverAsync(CareUser who, Guid id, Guid to, int status) =>
        SendAsync(who, $"/api/consultations/{id}/handover", new HandOverQuestion(to, "Zij kent deze patiënt."), status);

    [Fact]
    public async Task the_holder_hands_over_to_a_colleague_who_can_then_answer_and_the_former_holder_cannot()
    {
        var first = await AnInternistAsync("Dr. Eerste");
        var colleague = await AnInternistAsync("Dr. Collega");
        var question = await PostAsync();
        await ClaimAsync(first, question.Id);

        var handed = (await (await HandOverAsync(first, question.Id, colleague.UserId, 200)).ReadAsJsonAsync<QuestionView>())!;

        Assert.Equal((QuestionStatus.Claimed, colleague.UserId, "Dr. Collega"), (handed.Status, handed.ClaimedById, handed.ClaimedByName));
        await AnswerAsync(first, question.Id, 403);
        await AnswerAsync(colleague, question.Id, 200);
        var timeline = await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Get.Url($"/api/consultations/{question.Id}/timeline");
        });
        var handOver = Assert.Single((await timeline.ReadAsJsonAsync<List<TimelineEntry>>())!, e => e.Kind == "handed-over");
        Assert.Equal(("Dr. Eerste → Dr. Collega", "Zij kent deze patiënt."), (handOver.Who, handOver.Text));
    }

    [Fact]
    public async Task a_hand_over_to_someone_of_another_pool_or_hospital_is_a_field_error()
    {
        var holder = await AnInternistAsync("Dr. Houder");
        var rheumatologist = await ARheumatologistAsync("Dr. Reuma");
        var elsewhere = await AnInternistAsync("Dr. Elders", await _given.AHospitalAsync());
        var question = await PostAsync();
        await ClaimAsync(holder, question.Id);

        foreach (var wrong in new[] { rheumatologist.UserId, elsewhere.UserId, Guid.CreateVersion7() })
        {
            var refused = await HandOverAsync(holder, question.Id, wrong, 400);
            using var problem = JsonDocument.Parse(await refused.ReadAsTextAsync());
            Assert.Equal("Kies een actieve specialist van deze pool.", problem.RootElement.GetProperty("errors").GetProperty("toSpecialistId")[0].GetString());
        }

        Assert.Equal(holder.UserId, (await ReadAsync(question.Id)).ClaimedById);
    }

    [Fact]
    public async Task only_the_holder_hands_over_and_another_hospital_does_not_see_the_question()
    {
        var holder = await AnInternistAsync("Dr. Houder");
        var other = await AnInternistAsync("Dr. Ander");
        var third = await AnInternistAsync("Dr. Derde");
        var stranger = await AnInternistAsync("Dr. Vreemd", await _given.AHospitalAsync());
        var question = await PostAsync();
        await ClaimAsync(holder, question.Id);

        await HandOverAsync(other, question.Id, third.UserId, 403);
        await HandOverAsync(stranger, question.Id, third.UserId, 404);
        await HandOverAsync(_gp, question.Id, third.UserId, 403);
    }

    [Fact]
    public async Task marking_absence_returns_her_questions_to_the_pool_and_she_cannot_claim_until_she_is_back()
    {
        var away = await AnInternistAsync("Dr. Weg");
        var colleague = await AnInternistAsync("Dr. Blijft");
        var claimed = await PostAsync();
        var waiting = await PostAsync();
        var colleagues = await PostAsync();
        await ClaimAsync(away, claimed.Id);
        await ClaimAsync(away, waiting.Id);
        await SendAsync(away, $"/api/consultations/{waiting.Id}/clarification-requests", new RequestClarification("Is er een recente eGFR?"), 200);
        await ClaimAsync(colleague, colleagues.Id);

        var marked = (await (await SendAsync(away, "/api/consultations/absence", new MarkAbsence(null), 200, "PUT")).ReadAsJsonAsync<AbsenceView>())!;

        Assert.Equal((true, 2), (marked.Absent, marked.ReturnedQuestions));
        var open = await ReadAsync(claimed.Id);
        var stillWaiting = await ReadAsync(waiting.Id);
        Assert.Equal((QuestionStatus.Open, (Guid?)null), (open.Status, open.ClaimedById));
        Assert.Equal((QuestionStatus.AwaitingClarification, (Guid?)null), (stillWaiting.Status, stillWaiting.ClaimedById));
        Assert.Equal(colleague.UserId, (await ReadAsync(colleagues.Id)).ClaimedById);
        var refused = await ClaimAsync(away, claimed.Id, 409);
        Assert.Contains("afwezig", await refused.ReadAsTextAsync(), StringComparison.Ordinal);
        await HandOverAsync(colleague, colleagues.Id, away.UserId, 400);

        await SendAsync(away, "/api/consultations/absence", null, 200, "DELETE");
        await ClaimAsync(away, claimed.Id, 200);
    }

    [Fact]
    public async Task a_last_absent_day_in_the_past_is_refused_in_dutch()
    {
        var specialist = await AnInternistAsync("Dr. Verleden");

        var refused = await SendAsync(specialist, "/api/consultations/absence", new MarkAbsence(new DateOnly(2020, 1, 1)), 400, "PUT");

        using var problem = JsonDocument.Parse(await refused.ReadAsTextAsync());
        Assert.Equal("De laatste dag van uw afwezigheid ligt in het verleden.", problem.RootElement.GetProperty("errors").GetProperty("until")[0].GetString());
    }

    [Fact]
    public async Task an_auto_assigning_pool_gives_a_new_question_to_the_available_specialist_with_the_fewest_open_questions()
    {
        var busy = await AnInternistAsync("Dr. Druk");
        var free = await AnInternistAsync("Dr. Vrij");
        var absent = await AnInternistAsync("Dr. Afwezig");
        await SendAsync(absent, "/api/consultations/absence", new MarkAbsence(null), 200, "PUT");
        var earlier = await PostAsync();
        await ClaimAsync(busy, earlier.Id);
        await SendAsync(busy, $"/api/consultations/pools/{_hospital}/InternalMedicine/assignment", new SwitchPoolAssignment(true), 403, "PUT");

        var pool = (await (await SendAsync(TestUsers.Coordinator(), $"/api/consultations/pools/{_hospital}/InternalMedicine/assignment", new SwitchPoolAssignment(true), 200, "PUT"))
            .ReadAsJsonAsync<ConsultationPool>())!;
        var assigned = await PostAsync();

        Assert.True(pool.AssignAutomatically);
        Assert.Equal((QuestionStatus.Claimed, free.UserId), (assigned.Status, assigned.ClaimedById));
        // Now both hold one; the next goes to the one who took one on least recently.
        Assert.Equal(busy.UserId, (await PostAsync()).ClaimedById);
    }

    [Fact]
    public async Task a_question_posted_to_a_named_specialist_goes_to_her_and_stays_open_when_she_is_absent()
    {
        var named = await AnInternistAsync("Dr. Gevraagd");
        var away = await AnInternistAsync("Dr. Weg");
        await SendAsync(away, "/api/consultations/absence", new MarkAbsence(null), 200, "PUT");

        var hers = await PostAsync(named.UserId);
        var unassigned = await PostAsync(away.UserId);

        Assert.Equal((QuestionStatus.Claimed, named.UserId), (hers.Status, hers.ClaimedById));
        Assert.Equal((QuestionStatus.Open, (Guid?)null), (unassigned.Status, unassigned.ClaimedById));
    }

    [Fact]
    public async Task a_follow_up_reopens_the_answer_with_a_new_due_moment_and_the_answerer_answers_again()
    {
        var answerer = await AnInternistAsync("Dr. Antwoord");
        var question = await PostAsync();
        await ClaimAsync(answerer, question.Id);
        await SendAsync(_gp, $"/api/consultations/{question.Id}/follow-up-questions", new AskFollowUp("En bij een eGFR van 30?"), 409);
        await AnswerAsync(answerer, question.Id);

        var reopened = (await (await SendAsync(_gp, $"/api/consultations/{question.Id}/follow-up-questions", new AskFollowUp("En bij een eGFR van 30?"), 200))
            .ReadAsJsonAsync<QuestionView>())!;

        Assert.Equal((QuestionStatus.Claimed, answerer.UserId), (reopened.Status, reopened.ClaimedById));
        Assert.True(reopened.PromiseStartedAt > question.PostedAt);
        // The new promise runs from the follow-up (the same working-day rule; at night or at the
        // weekend both promises start on the next working morning, so their due moments may coincide).
        var calendar = app.Host.Services.GetRequiredService<Schakel.Consultation.ResponsePromise.WorkingDayCalendar>();
        Assert.Equal(calendar.Due(reopened.PromiseStartedAt, reopened.PromiseWorkingDays, [], reopened.PromiseStartedAt), reopened.DueAt);
        Assert.True(reopened.DueAt >= question.DueAt);
        await SendAsync(answerer, $"/api/consultations/{question.Id}/follow-up-questions", new AskFollowUp("?"), 403);
        var answeredAgain = (await (await AnswerAsync(answerer, question.Id)).ReadAsJsonAsync<QuestionView>())!;
        Assert.Equal(QuestionStatus.Answered, answeredAgain.Status);
    }
}
