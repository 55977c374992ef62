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

/// <summary>The specialist who claimed the question asks the GP for more; the response clock pauses.</summary>
public sealed record RequestClarification(string Text)
{
    public sealed class Validator : AbstractValidator<RequestClarification>
    {
        public Validator() =>
            RuleFor(x => x.Text).IsConversationText("Schrijf wat u van de huisarts wilt weten.");
    }
}

public static class RequestClarificationEndpoint
{
    [WolverinePost("/api/consultations/{id:guid}/clarification-requests"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.SpecialistSide)]
    [EndpointSummary("Ask the GP for clarification (pauses the response clock)")]
    public static Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, RequestClarification request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock), (question, user) => Decide(question, user, request, clock.GetUtcNow()), ct);

    public static (object?, ProblemDetails?) Decide(Question question, CareUser specialist, RequestClarification request, DateTimeOffset now) =>
        question.Status != QuestionStatus.Claimed ? QuestionCommands.Refuse("Vraag om verduidelijking bij een vraag die u heeft opgepakt.")
        : question.ClaimedById != specialist.UserId ? QuestionCommands.NotYours($"{question.ClaimedByName} heeft deze vraag opgepakt.")
        : (new ClarificationRequested(question.Id, specialist.UserId, specialist.Name, request.Text.Trim(), now), null);
}
