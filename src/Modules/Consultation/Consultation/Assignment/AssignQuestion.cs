using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Absence;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Schakel.Consultation.Assignment;

/// <summary>
/// Find a holder for a question that has none (just posted, returned to the pool, reopened by a
/// follow-up): the named specialist when she is available, else, in a pool that assigns
/// automatically, the available specialist with the fewest open questions. Sent through the
/// outbox with the change that put the question in the pool; running twice assigns once.
/// </summary>
public sealed record AssignQuestion(Guid QuestionId)
{
    /// <summary>Stored in the durable queue: a stable name survives renames and deployments.</summary>
    public const string MessageIdentity = "consultation.assign-question.v1";
}

/// <summary>A specialist of the pool as the assignment weighs her.</summary>
/// <param name="Available">Active in the directory and not absent.</param>
/// <param name="OpenQuestions">Questions she holds that wait for an answer (claimed or waiting for the GP).</param>
/// <param name="LastAssignedAt">When she last took on a question (claim, assignment, hand-over), or null.</param>
public sealed record Candidate(Guid UserId, string Name, bool Available, int OpenQuestions, DateTimeOffset? LastAssignedAt);

public static class AssignmentChoice
{
    /// <summary>
    /// The pure choice. A named specialist who is available gets it, whatever the pool's mode;
    /// otherwise a pool that assigns automatically gives it to the available specialist with the
    /// fewest open questions, ties to the one who took on a question least recently (never first),
    /// then by name, then by id. Nobody available, or a pool that does not assign: null (it stays open).
    /// </summary>
    public static (Candidate Specialist, string Reason)? Choose(Guid? namedSpecialistId, bool poolAssignsAutomatically, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (namedSpecialistId is { } named && candidates.FirstOrDefault(c => c.UserId == named && c.Available) is { } chosen)
        {
            return (chosen, AssignmentReasons.Named);
        }

        if (!poolAssignsAutomatically)
        {
            return null;
        }

        var least = candidates
            .Where(c => c.Available)
            .OrderBy(c => c.OpenQuestions)
            .ThenBy(c => c.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.UserId)
            .FirstOrDefault();
        return least is null ? null : (least, AssignmentReasons.Automatic);
    }

    /// <summary>The candidates of a pool: its active specialists, with their absence, load and last assignment.</summary>
    public static IReadOnlyList<Candidate> CandidatesOf(
        IReadOnlyList<CareProvider> specialists, IReadOnlySet<Guid> absent, IEnumerable<(Guid HolderId, QuestionStatus Status, DateTimeOffset? HeldSince)> heldQuestions)
    {
        var held = heldQuestions.ToList();
        return specialists
            .Select(s => new Candidate(
                s.UserId,
                s.Name,
                !absent.Contains(s.UserId),
                held.Count(h => h.HolderId == s.UserId && h.Status is QuestionStatus.Claimed or QuestionStatus.AwaitingClarification),
                held.Where(h => h.HolderId == s.UserId).Max(h => h.HeldSince)))
            .ToList();
    }
}

public static class AssignQuestionHandler
{
    /// <summary>A claim or a second copy racing with the assignment: try again, and find the question held.</summary>
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) =>
        chain.OnException<JasperFx.ConcurrencyException>().Or<JasperFx.Events.EventStreamUnexpectedMaxEventIdException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500));

    public static async Task Handle(
        AssignQuestion message, IDocumentSession session, IMessageBus bus, ICareDirectory directory, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Question>(message.QuestionId, ct).ConfigureAwait(false);
        if (stream.Aggregate is not { InPool: true } question)
        {
            // Claimed, assigned, answered or withdrawn meanwhile: nothing to do.
            return;
        }

        var pool = await session.LoadAsync<ConsultationPool>(ConsultationPool.IdOf(question.HospitalId, question.Pool), ct).ConfigureAwait(false);
        if (pool is null || (!pool.AssignAutomatically && question.NamedSpecialistId is null))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var specialists = await directory.SpecialistsOfAsync(question.HospitalId, question.Pool, ct).ConfigureAwait(false);
        var absent = await SpecialistAvailability.AbsentAmongAsync(session, specialists.Select(s => s.UserId), now, ct).ConfigureAwait(false);
        var held = await session.Query<Question>()
            .Where(q => q.HospitalId == question.HospitalId && q.Pool == question.Pool && q.ClaimedById != null)
            .Select(q => new { q.ClaimedById, q.Status, q.HeldSince })
            .ToListAsync(ct).ConfigureAwait(false);
        var candidates = AssignmentChoice.CandidatesOf(specialists, absent, held.Select(h => (h.ClaimedById!.Value, h.Status, h.HeldSince)));
        if (AssignmentChoice.Choose(question.NamedSpecialistId, pool.AssignAutomatically, candidates) is not { } choice)
        {
            return;
        }

        var assigned = new QuestionAssigned(question.Id, choice.Specialist.UserId, choice.Specialist.Name, choice.Reason, now);
        stream.AppendOne(assigned);
        await QuestionEffects.SendAsync(bus, question, assigned, question.Then(assigned), calendar, now).ConfigureAwait(false);
    }
}
