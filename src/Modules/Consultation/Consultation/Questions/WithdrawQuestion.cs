using Schakel.Consultation.ResponsePromise;
using Wolverine;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

public static class WithdrawQuestionEndpoint
{
    /// <summary>The GP's practice withdraws a question that has no answer yet.</summary>
    [WolverinePost("/api/consultations/{id:guid}/withdraw"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Withdraw an unanswered question")]
    public static Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock), (question, user) => Decide(question, user, clock.GetUtcNow()), ct);

    public static (object?, ProblemDetails?) Decide(Question question, CareUser gp, DateTimeOffset now) =>
        question.AwaitsAnswer
            ? (new QuestionWithdrawn(question.Id, gp.UserId, gp.Name, now), null)
            : QuestionCommands.Refuse("Een beantwoorde of afgesloten vraag kan niet meer worden ingetrokken.");
}
