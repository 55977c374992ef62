using Marten;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;
using Wolverine;

namespace Schakel.Consultation.Escalation;

public enum EscalationLevel
{
    /// <summary>Half of the promised time has passed without an answer: remind the claimer (or the pool).</summary>
    HalfTime,

    /// <summary>80% has passed: remind again.</summary>
    FourFifths,

    /// <summary>The promise is broken: alert the pool's coordinator and tell the GP the answer is late.</summary>
    Deadline,
}

/// <summary>A scheduled check for one level of one due moment; stale (the due moment moved) or late ones change nothing.</summary>
public sealed record EscalationDue(Guid QuestionId, EscalationLevel Level, DateTimeOffset DueAt)
{
    /// <summary>Stored for days as a scheduled message: a stable name survives renames and deployments.</summary>
    public const string MessageIdentity = "consultation.escalation-due.v1";
}

/// <summary>
/// When to check, and the handler that raises each level exactly once. The checks are durable
/// Wolverine scheduled messages (stored with the question's transaction, kept across restarts,
/// run by one node); the question's stream version makes a check that runs twice append once.
/// </summary>
public static class Escalations
{
    private static readonly (EscalationLevel Level, double Fraction)[] Levels =
        [(EscalationLevel.HalfTime, 0.5), (EscalationLevel.FourFifths, 0.8), (EscalationLevel.Deadline, 1.0)];

    /// <summary>The checks for a question's current due moment: at 50%, 80% and 100% of the promise, pauses included.</summary>
    public static IReadOnlyList<(EscalationDue Message, DateTimeOffset At)> For(Question question, WorkingDayCalendar calendar)
    {
        var paused = calendar.WorkingDaysBetween(question.PromiseStartedAt, question.DueAt) - question.PromiseWorkingDays;
        return Levels
            .Select(l => (new EscalationDue(question.Id, l.Level, question.DueAt),
                l.Level == EscalationLevel.Deadline ? question.DueAt : calendar.AddWorkingDays(question.PromiseStartedAt, (l.Fraction * question.PromiseWorkingDays) + Math.Max(0, paused))))
            .ToList();
    }

    public static async Task ScheduleAsync(IMessageBus bus, Question question, WorkingDayCalendar calendar)
    {
        foreach (var (message, at) in For(question, calendar))
        {
            await bus.ScheduleAsync(message, at).ConfigureAwait(false);
        }
    }

    /// <summary>The decision: raise this level now, or nothing (answered, paused, due moment moved, already raised).</summary>
    public static EscalationRaised? Decide(Question question, EscalationDue due, DateTimeOffset now) =>
        question.AwaitsAnswer
        && question.Status != QuestionStatus.AwaitingClarification
        && question.DueAt == due.DueAt
        && !question.Escalations.Contains(due.Level)
            ? new EscalationRaised(question.Id, due.Level, due.DueAt, question.ClaimedById, now)
            : null;
}

public static class EscalationDueHandler
{
    /// <summary>Raises the level (once), and sends the reminder or alert through the handler's outbox.</summary>
    public static async Task Handle(EscalationDue due, IDocumentSession session, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Question>(due.QuestionId, ct).ConfigureAwait(false);
        if (stream.Aggregate is { } question && Escalations.Decide(question, due, clock.GetUtcNow()) is { } raised)
        {
            stream.AppendOne(raised);
            await QuestionEffects.SendAsync(bus, question, raised, question.Then(raised), calendar, raised.RaisedAt).ConfigureAwait(false);
        }
    }
}
