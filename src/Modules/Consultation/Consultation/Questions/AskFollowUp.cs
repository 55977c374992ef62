using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Absence;
using Schakel.Consultation.ResponsePromise;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>The GP asks a follow-up question on an answer: the question reopens with a new promise.</summary>
public sealed record AskFollowUp(string Text)
{
    public sealed class Validator : AbstractValidator<AskFollowUp>
    {
        public Validator() => RuleFor(x => x.Text).IsConversationText("Stel uw vervolgvraag.");
    }
}

public static class AskFollowUpEndpoint
{
    [WolverinePost("/api/consultations/{id:guid}/follow-up-questions"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Ask a follow-up question on an answered question (reopens it with a new response promise)")]
    public static async Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, AskFollowUp request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, ICareDirectory directory,
        WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var (answerer, absent) = await AnswererAsync(id, session, directory, clock.GetUtcNow(), ct).ConfigureAwait(false);
        // The new due moment schedules new checkpoints (QuestionEffects); a question back in the pool is offered to the assignment.
        return await QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock),
            (question, user) => Decide(question, user, request, answerer, absent, calendar, clock.GetUtcNow()), ct).ConfigureAwait(false);
    }

    /// <summary>The specialist who answered (she still holds the answered question), as the directory knows her now, and whether she is absent.</summary>
    public static async Task<(CareProvider? Answerer, bool Absent)> AnswererAsync(Guid id, IQuerySession session, ICareDirectory directory, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<Question>(id, ct).ConfigureAwait(false) is not { ClaimedById: { } answererId })
        {
            return (null, false);
        }

        return (await directory.FindAsync(answererId, ct).ConfigureAwait(false), await SpecialistAvailability.IsAbsentAsync(session, answererId, now, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Only the asking side, only on an answered question. The new promise has the question's own
    /// number of working days (urgent stays urgent), counted from now. It goes back to the specialist
    /// who answered when she is still an active specialist of the pool and not absent; otherwise to the pool.
    /// </summary>
    public static (object?, ProblemDetails?) Decide(
        Question question, CareUser gp, AskFollowUp request, CareProvider? answerer, bool answererAbsent, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        if (!gp.IsGpSide)
        {
            return QuestionCommands.NotYours("Alleen de vragende praktijk stelt een vervolgvraag.");
        }

        if (question.Status != QuestionStatus.Answered)
        {
            return QuestionCommands.Refuse("Een vervolgvraag kan alleen op een beantwoorde vraag die nog niet is afgesloten.");
        }

        var backToAnswerer = answerer is not null
            && answerer.UserId == question.ClaimedById
            && answerer.OrganisationId == question.HospitalId
            && answerer.Pool == question.Pool
            && !answererAbsent;
        var due = calendar.Due(now, question.PromiseWorkingDays, [], now);
        return (new FollowUpAsked(
            question.Id, gp.UserId, gp.Name, request.Text.Trim(), now, now, due,
            backToAnswerer ? answerer!.UserId : null, backToAnswerer ? answerer!.Name : null), null);
    }
}
