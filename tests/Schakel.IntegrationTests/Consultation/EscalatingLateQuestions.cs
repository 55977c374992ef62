using Alba;
using Marten;
using Npgsql;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Escalation;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Testing;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>The checkpoints are durable scheduled messages, and each raises its level once however often it runs.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class EscalatingLateQuestions(IntegrationApp app)
{
    private async Task<QuestionView> AQuestionAsync()
    {
        var hospital = Guid.CreateVersion7();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.InternalMedicine], CancellationToken.None);
        var result = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(Guid.CreateVersion7()));
            s.Post.Json(new PostQuestion(hospital, SpecialtyPool.InternalMedicine, null,
                new PostQuestion.PatientInput(new DateOnly(1949, 4, 4), Sex.Male, "E-" + Guid.NewGuid().ToString("N")[..6], null),
                true, QuestionCategory.SecondaryOsteoporosisInLab, "Verhoogd PTH, wat nu?", null, WouldRefer.NotSure, false)).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!;
    }

    private async Task<long> StoredCheckpointsAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from wolverine.wolverine_incoming_envelopes where status = 'Scheduled' and message_type = 'consultation.escalation-due.v1'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task posting_stores_three_checkpoints_in_the_database_so_they_survive_a_restart()
    {
        var before = await StoredCheckpointsAsync();

        await AQuestionAsync();

        Assert.Equal(before + 3, await StoredCheckpointsAsync());
    }

    [Fact]
    public async Task a_checkpoint_that_runs_twice_raises_its_level_once()
    {
        var question = await AQuestionAsync();
        var due = new EscalationDue(question.Id, EscalationLevel.Deadline, question.DueAt);

        await app.Host.InvokeMessageAndWaitAsync(due);
        await app.Host.InvokeMessageAndWaitAsync(due);

        await using var session = app.Store.QuerySession();
        var raised = (await session.Events.FetchStreamAsync(question.Id)).Select(e => e.Data).OfType<EscalationRaised>().ToList();
        Assert.Equal(EscalationLevel.Deadline, Assert.Single(raised).Level);
    }
}
