using Schakel.Consultation.ResponsePromise;
using Wolverine;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>
/// A specialist of the pool claims an open question. When two claim at once exactly one wins:
/// the other finds it claimed (409), or, if both read it open, the stream version makes the
/// second append fail and the host answers 409 as well.
/// </summary>
public static class ClaimQuestionEndpoint
{
    [WolverinePost("/api/consultations/{id:guid}/claim"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.SpecialistSide)]
    [EndpointSummary("Claim an open question of your pool (409 when a colleague was first)")]
    public static Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock), (question, user) =>
        {
            var (claimed, problem) = Decide(question, user, clock.GetUtcNow());
            return (claimed, problem);
        }, ct);

    /// <summary>Only an open question can be claimed, and only by a specialist of its pool.</summary>
    public static (QuestionClaimed? Claimed, ProblemDetails? Problem) Decide(Question question, CareUser specialist, DateTimeOffset now) => question.Status switch
    {
        QuestionStatus.Open => (new QuestionClaimed(question.Id, specialist.UserId, specialist.Name, now), null),
        QuestionStatus.Claimed when question.ClaimedById == specialist.UserId => (null, Problem.Conflict("U heeft deze vraag al opgepakt.")),
        QuestionStatus.Claimed => (null, Problem.Conflict($"{question.ClaimedByName} heeft deze vraag al opgepakt.")),
        _ => (null, Problem.Conflict("Deze vraag kan niet meer worden opgepakt.")),
    };
}
