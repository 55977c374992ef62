using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Consultation;

[Collection(IntegrationCollection.Name)]
public sealed class ClaimingAQuestion(IntegrationApp app) : IAsyncLifetime
{
    private readonly Guid _practice = Guid.CreateVersion7();
    private readonly Guid _hospital = Guid.CreateVersion7();

    public Task InitializeAsync() =>
        OpenConsultationPools.OpenAsync(app.Store, _hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology, SpecialtyPool.InternalMedicine], CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<QuestionView> AQuestionAsync()
    {
        var question = new PostQuestion(_hospital, SpecialtyPool.Rheumatology, null,
            new PostQuestion.PatientInput(new DateOnly(1944, 7, 1), Sex.Male, "C-" + Guid.NewGuid().ToString("N")[..6], null),
            true, QuestionCategory.ChoiceOfDrug, "Welk middel na een heupfractuur bij nierfunctiestoornis?", null, WouldRefer.NotSure, false);
        var result = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(_practice));
            s.Post.Json(question).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!;
    }

    private Task<IScenarioResult> ClaimAsync(Guid id, CareUser who, int status) => app.Host.Scenario(s =>
    {
        s.As(who);
        s.Post.Url($"/api/consultations/{id}/claim");
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task a_specialist_of_the_pool_claims_an_open_question()
    {
        var question = await AQuestionAsync();
        var specialist = TestUsers.Rheumatologist(_hospital);

        var claimed = await (await ClaimAsync(question.Id, specialist, 200)).ReadAsJsonAsync<QuestionView>();

        Assert.Equal(QuestionStatus.Claimed, claimed!.Status);
    }

    [Fact]
    public async Task when_two_claim_at_once_exactly_one_wins_and_the_other_gets_a_conflict()
    {
        var question = await AQuestionAsync();
        var first = TestUsers.Rheumatologist(_hospital, "Dr. Een");
        var second = TestUsers.Rheumatologist(_hospital, "Dr. Twee");

        var results = await Task.WhenAll(
            app.Host.Scenario(s => { s.As(first); s.Post.Url($"/api/consultations/{question.Id}/claim"); s.IgnoreStatusCode(); }),
            app.Host.Scenario(s => { s.As(second); s.Post.Url($"/api/consultations/{question.Id}/claim"); s.IgnoreStatusCode(); }));

        var statuses = results.Select(r => r.Context.Response.StatusCode).Order().ToList();
        Assert.Equal([200, 409], statuses);
        var loser = results.Single(r => r.Context.Response.StatusCode == 409);
        Assert.Equal("application/problem+json", loser.Context.Response.ContentType?.Split(';')[0]);
    }

    [Fact]
    public async Task a_claimed_question_cannot_be_claimed_again_by_a_colleague()
    {
        var question = await AQuestionAsync();
        await ClaimAsync(question.Id, TestUsers.Rheumatologist(_hospital, "Dr. Een"), 200);

        var second = await ClaimAsync(question.Id, TestUsers.Rheumatologist(_hospital, "Dr. Twee"), 409);

        Assert.Contains("Dr. Een heeft deze vraag al opgepakt.", await second.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task another_pool_and_a_gp_cannot_claim()
    {
        var question = await AQuestionAsync();

        await ClaimAsync(question.Id, TestUsers.Internist(_hospital), 404);
        await ClaimAsync(question.Id, TestUsers.Gp(_practice), 403);
    }
}
