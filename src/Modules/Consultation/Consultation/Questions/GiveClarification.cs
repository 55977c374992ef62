using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.ResponsePromise;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>The GP's practice replies to a clarification request; the clock runs again and the due moment moves by the pause.</summary>
public sealed record GiveClarification(string Text)
{
    public sealed class Validator : AbstractValidator<GiveClarification>
    {
        public Validator() =>
            RuleFor(x => x.Text).IsConversationText("Schrijf uw verduidelijking.");
    }
}

public static class GiveClarificationEndpoint
{
    [WolverinePost("/api/consultations/{id:guid}/clarifications"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Reply to the specialist's clarification request (resumes the response clock)")]
    public static Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, GiveClarification request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        // The due moment moves by the pause: QuestionEffects schedules new checkpoints.
        QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock), (question, user) => Decide(question, user, request, calendar, clock.GetUtcNow()), ct);

    public static (object?, ProblemDetails?) Decide(Question question, CareUser gp, GiveClarification request, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        if (question.Status != QuestionStatus.AwaitingClarification)
        {
            return QuestionCommands.Refuse("De specialist heeft (nu) niet om verduidelijking gevraagd.");
        }

        var pauses = question.Pauses.Select(p => p.End is null ? p with { End = now } : p).ToList();
        var due = calendar.Due(question.PromiseStartedAt, question.PromiseWorkingDays, pauses, now);
        return (new ClarificationGiven(question.Id, gp.UserId, gp.Name, request.Text.Trim(), now, due), null);
    }
}
