using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.ResponsePromise;
using Wolverine;

namespace Schakel.Consultation.Questions;

/// <summary>
/// What every change to a question works with. The bus must be Wolverine's outbox for the session:
/// an HTTP endpoint's injected <see cref="IMessageBus"/>, or a page's enrolled IMartenOutbox.
/// </summary>
public sealed record QuestionDesk(IDocumentSession Session, IAccessLog AccessLog, IMessageBus Bus, WorkingDayCalendar Calendar, TimeProvider Clock);

/// <summary>
/// The shape every change to a question takes: load it for writing, answer 404 to whoever may not
/// see it, let the slice's pure decision return an event or a problem, append, and access-log.
/// The stream version turns two racing changes into one success and one 409.
/// </summary>
public static class QuestionCommands
{
    /// <summary>For the API: the changed question, or the problem (404, 403, 409) as RFC 7807.</summary>
    public static async Task<Results<Ok<QuestionView>, ProblemHttpResult>> ChangeAsync(
        Guid id,
        HttpContext http,
        QuestionDesk desk,
        Func<Question, CareUser, (object? Event, ProblemDetails? Problem)> decide,
        CancellationToken ct)
    {
        var (changed, problem) = await TryChangeAsync(id, CareUser.From(http.User)!, desk, decide, ct).ConfigureAwait(false);
        return changed is null ? TypedResults.Problem(problem!) : TypedResults.Ok(QuestionView.Of(changed));
    }

    /// <summary>
    /// The change itself, for the API and the portal alike: the question after the change, or why
    /// not. The caller's transaction (Wolverine's, or the page's SaveChanges) stores the event.
    /// </summary>
    public static async Task<(Question? Changed, ProblemDetails? Problem)> TryChangeAsync(
        Guid id,
        CareUser user,
        QuestionDesk desk,
        Func<Question, CareUser, (object? Event, ProblemDetails? Problem)> decide,
        CancellationToken ct)
    {
        var (session, accessLog) = (desk.Session, desk.AccessLog);
        var stream = await session.Events.FetchForWriting<Question>(id, ct).ConfigureAwait(false);
        var question = stream.Aggregate;
        if (question is null || !CaseAccess.MaySee(user, question.Owners))
        {
            if (question is not null)
            {
                await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Change, question.PatientReference, "consultation.question", id.ToString(), AccessOutcome.Denied), ct).ConfigureAwait(false);
            }

            return (null, Problem.NotFound("Deze consultatievraag bestaat niet, of u mag haar niet zien."));
        }

        var (change, problem) = decide(question, user);
        if (problem is not null || change is null)
        {
            return (null, problem ?? Problem.Conflict("Dit kan nu niet."));
        }

        stream.AppendOne(change);
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Change, question.PatientReference, "consultation.question", id.ToString()), ct).ConfigureAwait(false);
        var changed = question.Then(change);
        await QuestionEffects.SendAsync(desk.Bus, question, change, changed, desk.Calendar, desk.Clock.GetUtcNow()).ConfigureAwait(false);
        return (changed, null);
    }

    /// <summary>A problem for a change the question's state does not allow.</summary>
    public static (object?, ProblemDetails?) Refuse(string detail) => (null, Problem.Conflict(detail));

    /// <summary>A problem for the wrong side of the question (it is visible, so 403 leaks nothing).</summary>
    public static (object?, ProblemDetails?) NotYours(string detail) => (null, Problem.Forbidden(detail));
}
