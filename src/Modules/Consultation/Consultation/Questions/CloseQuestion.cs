using Schakel.Consultation.ResponsePromise;
using Wolverine;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>The GP closes an answered question: did it avoid a referral, and how useful was it (1-5)?</summary>
public sealed record CloseQuestion(bool AvoidedReferral, int Usefulness)
{
    public sealed class Validator : AbstractValidator<CloseQuestion>
    {
        public Validator() => RuleFor(x => x.Usefulness).InclusiveBetween(1, 5).WithMessage("Geef een cijfer van 1 tot en met 5.");
    }
}

public static class CloseQuestionEndpoint
{
    [WolverinePost("/api/consultations/{id:guid}/close"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Close an answered question (avoided referral, usefulness 1-5)")]
    public static Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, CloseQuestion request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock), (question, user) => Decide(question, user, request, clock.GetUtcNow()), ct);

    public static (object?, ProblemDetails?) Decide(Question question, CareUser gp, CloseQuestion request, DateTimeOffset now) =>
        question.Status != QuestionStatus.Answered
            ? QuestionCommands.Refuse("Alleen een beantwoorde vraag kan worden afgesloten.")
            : (new QuestionClosed(question.Id, gp.UserId, gp.Name, request.AvoidedReferral, request.Usefulness, now), null);
}
