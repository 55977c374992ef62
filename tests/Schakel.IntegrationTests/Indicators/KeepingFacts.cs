using Marten;
using Schakel.Consultation.Contracts;
using Schakel.Indicators.Records;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Indicators;

/// <summary>
/// The consultation line publishes a question's steps moments apart (posted, then claimed or
/// answered at once); the indicators must keep every one, even when they arrive together.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class KeepingFacts(IntegrationApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task steps_of_new_questions_arriving_together_are_all_kept_and_counted()
    {
        var at = new DateTimeOffset(2026, 10, 5, 10, 0, 0, TimeSpan.Zero);
        var steps = Enumerable.Range(0, 20).SelectMany(i =>
        {
            var posted = new ConsultationStepTakenIntegrationEvent(
                Guid.CreateVersion7(), Guid.CreateVersion7(), $"R-{i}", QuestionChange.Posted, "Testziekenhuis", Specialty.Rheumatology, null, at, DueAt: at.AddDays(3));
            return new[] { posted, posted with { Change = QuestionChange.Answered, Outcome = "AdviceOnly", At = at.AddDays(1), WorkingHoursToAnswer = 3 } };
        }).ToList();

        // Throws when a handler failed: a step whose stream another step created at the same moment.
        await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async bus =>
        {
            foreach (var step in steps)
            {
                await bus.PublishAsync(step);
            }
        }));

        await using var session = app.Store.QuerySession();
        var records = await session.Query<ConsultationRecord>().ToListAsync();
        Assert.Equal(20, records.Count);
        Assert.All(records, r => Assert.True(r.PostedAt is not null && r.FirstAnsweredAt is not null, $"Question {r.PatientReference} lost a step."));
    }
}
