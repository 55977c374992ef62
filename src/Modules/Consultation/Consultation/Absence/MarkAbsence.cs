using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Assignment;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Consultation.Absence;

/// <summary>A specialist marks herself absent from now; <see cref="Until"/> is her last absent day (Amsterdam), or null until she ends it.</summary>
public sealed record MarkAbsence(DateOnly? Until);

/// <summary>What the specialist sees of her own absence, and how many questions went back to the pool.</summary>
public sealed record AbsenceView(bool Absent, DateTimeOffset? From, DateOnly? Until, int ReturnedQuestions);

/// <summary>
/// Marking absence and ending it. On marking, every question she holds goes back to the pool in the
/// same transaction as the marking (docs/adr/0013): all or nothing, never lost, never twice.
/// </summary>
public static class AbsenceCommands
{
    /// <summary>Only a specialist of a pool marks absence, and her last day is not in the past.</summary>
    public static (AbsenceMarked? Marked, ProblemDetails? Problem) Decide(CareUser specialist, MarkAbsence request, DateTimeOffset now)
    {
        if (specialist.Pool is not { } pool || !specialist.IsSpecialistSide)
        {
            return (null, Problem.Forbidden("Alleen een specialist van een consultatiepool kan zich afwezig melden."));
        }

        if (request.Until is { } until && until < SpecialistAvailability.TodayAt(now))
        {
            return (null, Problem.Invalid(new Dictionary<string, string[]> { ["until"] = ["De laatste dag van uw afwezigheid ligt in het verleden."] }));
        }

        return (new AbsenceMarked(specialist.UserId, specialist.Name, specialist.OrganisationId, pool, now, request.Until), null);
    }

    /// <summary>A question she holds goes back to the pool; any other question is not hers to return.</summary>
    public static QuestionReturnedToPool? Return(Question question, Guid specialistId, string specialistName, string reason, DateTimeOffset now) =>
        question.AwaitsAnswer && question.ClaimedById == specialistId
            ? new QuestionReturnedToPool(question.Id, specialistId, specialistName, reason, now)
            : null;

    /// <summary>Ending an absence that is marked; nothing to end is no change.</summary>
    public static AbsenceEnded? End(SpecialistAvailability? current, CareUser specialist, DateTimeOffset now) =>
        current is { Marked: true } ? new AbsenceEnded(specialist.UserId, now) : null;

    /// <summary>Marks the absence and returns her questions to the pool; the caller's transaction stores it all.</summary>
    public static async Task<(AbsenceView? View, ProblemDetails? Problem)> MarkAsync(CareUser specialist, MarkAbsence request, QuestionDesk desk, CancellationToken ct)
    {
        var (session, now) = (desk.Session, desk.Clock.GetUtcNow());
        var (marked, problem) = Decide(specialist, request, now);
        if (marked is null)
        {
            return (null, problem);
        }

        var stream = await session.Events.FetchForWriting<SpecialistAvailability>(specialist.UserId, ct).ConfigureAwait(false);
        stream.AppendOne(marked);
        var held = await session.Query<Question>()
            .Where(q => q.ClaimedById == specialist.UserId && (q.Status == QuestionStatus.Claimed || q.Status == QuestionStatus.AwaitingClarification))
            .Select(q => q.Id)
            .ToListAsync(ct).ConfigureAwait(false);
        var returned = 0;
        foreach (var id in held)
        {
            // Each question's stream version is checked at commit: a change racing with this one fails the whole marking (409), so nothing is half done.
            var questionStream = await session.Events.FetchForWriting<Question>(id, ct).ConfigureAwait(false);
            if (questionStream.Aggregate is not { } question || Return(question, specialist.UserId, specialist.Name, ReturnReasons.Absence, now) is not { } back)
            {
                continue;
            }

            questionStream.AppendOne(back);
            await desk.AccessLog.RecordAsync(new PatientDataAccess(AccessAction.Change, question.PatientReference, "consultation.question", id.ToString()), ct).ConfigureAwait(false);
            await QuestionEffects.SendAsync(desk.Bus, question, back, question.Then(back), desk.Calendar, now).ConfigureAwait(false);
            returned++;
        }

        var after = SpecialistAvailability.Fold(stream.Aggregate, marked)!;
        return (new AbsenceView(true, after.AbsentFrom, after.AbsentUntil, returned), null);
    }

    /// <summary>Ends her absence; in a pool that assigns automatically, the questions waiting there are offered again (she may get one).</summary>
    public static async Task<AbsenceView> EndAsync(CareUser specialist, QuestionDesk desk, CancellationToken ct)
    {
        var (session, now) = (desk.Session, desk.Clock.GetUtcNow());
        var stream = await session.Events.FetchForWriting<SpecialistAvailability>(specialist.UserId, ct).ConfigureAwait(false);
        if (End(stream.Aggregate, specialist, now) is { } ended)
        {
            stream.AppendOne(ended);
            await PoolAssignment.OfferWaitingQuestionsAsync(session, desk.Bus, stream.Aggregate!.HospitalId, stream.Aggregate.Pool, ct).ConfigureAwait(false);
        }

        return new AbsenceView(false, null, null, 0);
    }
}

public static class MarkAbsenceEndpoint
{
    [WolverinePut("/api/consultations/absence"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.SpecialistSide)]
    [EndpointSummary("Mark yourself absent from now (optional last day, Europe/Amsterdam): the questions you hold go back to the pool")]
    public static async Task<Results<Ok<AbsenceView>, ProblemHttpResult>> Put(
        MarkAbsence request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var (view, problem) = await AbsenceCommands.MarkAsync(CareUser.From(http.User)!, request, new(session, accessLog, bus, calendar, clock), ct).ConfigureAwait(false);
        return view is null ? TypedResults.Problem(problem!) : TypedResults.Ok(view);
    }

    [WolverineDelete("/api/consultations/absence"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.SpecialistSide)]
    [EndpointSummary("End your absence (no change when you are not marked absent)")]
    public static Task<AbsenceView> Delete(
        HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        AbsenceCommands.EndAsync(CareUser.From(http.User)!, new(session, accessLog, bus, calendar, clock), ct);

    [WolverineGet("/api/consultations/absence"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.SpecialistSide)]
    [EndpointSummary("Whether you are marked absent now, and until when")]
    public static async Task<AbsenceView> Get(HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var availability = await session.LoadAsync<SpecialistAvailability>(CareUser.From(http.User)!.UserId, ct).ConfigureAwait(false);
        return availability is not null && availability.IsAbsentAt(clock.GetUtcNow())
            ? new AbsenceView(true, availability.AbsentFrom, availability.AbsentUntil, 0)
            : new AbsenceView(false, null, null, 0);
    }
}
