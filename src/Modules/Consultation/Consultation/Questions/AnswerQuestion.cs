using Schakel.Consultation.ResponsePromise;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>The specialist who claimed the question answers with advice and an outcome.</summary>
public sealed record AnswerQuestion(string Advice, AnswerOutcome Outcome)
{
    public sealed class Validator : AbstractValidator<AnswerQuestion>
    {
        public Validator()
        {
            RuleFor(x => x.Advice).IsConversationText("Schrijf uw advies.");
            RuleFor(x => x.Outcome).IsInEnum().WithMessage("Kies de uitkomst.");
        }
    }
}

public static class AnswerQuestionEndpoint
{
    [WolverinePost("/api/consultations/{id:guid}/answer"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.SpecialistSide)]
    [EndpointSummary("Answer a question you claimed: advice and outcome")]
    public static Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, AnswerQuestion request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        // A "referral advised" answer also offers the GP a ready referral (QuestionEffects), sent once the answer is stored.
        QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock), (question, user) => Decide(question, user, request, clock.GetUtcNow()), ct);

    public static (object?, ProblemDetails?) Decide(Question question, CareUser specialist, AnswerQuestion request, DateTimeOffset now) =>
        question.Status == QuestionStatus.Open ? QuestionCommands.Refuse("Pak de vraag eerst op.")
        : question.Status != QuestionStatus.Claimed ? QuestionCommands.Refuse("Deze vraag wacht niet op een antwoord.")
        : question.ClaimedById != specialist.UserId ? QuestionCommands.NotYours($"{question.ClaimedByName} heeft deze vraag opgepakt; alleen zij of hij beantwoordt haar.")
        : (new QuestionAnswered(question.Id, specialist.UserId, specialist.Name, request.Advice.Trim(), request.Outcome, now), null);
}
