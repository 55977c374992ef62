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
    [EndpointSummary("Claim an open question of your pool (409 when a colleague was first, or while you are marked absent)")]
    public static async Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var absent = await Schakel.Consultation.Absence.SpecialistAvailability.IsAbsentAsync(session, CareUser.From(http.User)!.UserId, clock.GetUtcNow(), ct).ConfigureAwait(false);
        return await QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock), (question, user) =>
        {
            var (claimed, problem) = Decide(question, user, absent, clock.GetUtcNow());
            return (claimed, problem);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Only a question nobody holds can be claimed (open, or returned to the pool while waiting for
    /// the GP), only by a specialist of its pool, and not while she is marked absent.
    /// </summary>
    public static (QuestionClaimed? Claimed, ProblemDetails? Problem) Decide(Question question, CareUser specialist, bool absent, DateTimeOffset now) => question switch
    {
        { InPool: true } when absent => (null, Problem.Conflict("U bent afwezig gemeld. Meld u eerst weer aanwezig om vragen op te pakken.")),
        { InPool: true } => (new QuestionClaimed(question.Id, specialist.UserId, specialist.Name, now), null),
        { AwaitsAnswer: true } when question.ClaimedById == specialist.UserId => (null, Problem.Conflict("U heeft deze vraag al opgepakt.")),
        { AwaitsAnswer: true } => (null, Problem.Conflict($"{question.ClaimedByName} heeft deze vraag al opgepakt.")),
        _ => (null, Problem.Conflict("Deze vraag kan niet meer worden opgepakt.")),
    };
}
