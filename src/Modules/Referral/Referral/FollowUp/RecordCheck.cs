using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.Referral.FollowUp;

/// <summary>What the practice nurse found at a check.</summary>
public sealed record RecordCheck(
    bool StillTakingMedication,
    bool StoppedBecauseOfSideEffects,
    string? SideEffects,
    decimal? HeightCm,
    int FallsSinceLastCheck,
    bool NewFracture,
    string? Complications)
{
    public CheckFindings Findings => new(
        StillTakingMedication, StoppedBecauseOfSideEffects, Trimmed(SideEffects), HeightCm, FallsSinceLastCheck, NewFracture, Trimmed(Complications));

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public sealed class Validator : AbstractValidator<RecordCheck>
    {
        public Validator()
        {
            RuleFor(x => x.HeightCm).InclusiveBetween(100m, 230m).When(x => x.HeightCm is not null).WithMessage("Vul de lengte in centimeters in (100 tot 230).");
            RuleFor(x => x.FallsSinceLastCheck).InclusiveBetween(0, 50).WithMessage("Vul het aantal valpartijen sinds de vorige controle in.");
            RuleFor(x => x.SideEffects).MaximumLength(1000).WithMessage("Hoogstens 1000 tekens.");
            RuleFor(x => x.Complications).MaximumLength(1000).WithMessage("Hoogstens 1000 tekens.");
            RuleFor(x => x.StillTakingMedication).Equal(false).When(x => x.StoppedBecauseOfSideEffects)
                .WithMessage("Wie gestopt is vanwege bijwerkingen, gebruikt de medicatie niet meer.");
        }
    }
}

public static class RecordCheckEndpoint
{
    /// <summary>Records a check on a task of the practice's worklist; a finding that meets a criterion proposes the referral back.</summary>
    [WolverinePost("/api/follow-up/tasks/{taskId:guid}/result"), Tags("Opvolging")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Record the result of a follow-up task (medication, side effects, height, falls); proposes a re-referral when the agreement's criteria are met")]
    public static async Task<Results<Ok<FollowUpView>, ProblemHttpResult>> Post(
        Guid taskId, RecordCheck request, HttpContext http, IDocumentSession session, IAccessLog accessLog, TimeProvider clock, CancellationToken ct)
    {
        var (changed, problem) = await RecordAsync(taskId, request, CareUser.From(http.User)!, session, accessLog, clock, ct).ConfigureAwait(false);
        return changed is null ? TypedResults.Problem(problem!) : TypedResults.Ok(FollowUpView.Of(changed));
    }

    /// <summary>For the API and the portal: the follow-up after the check, or why not. The caller's transaction stores it.</summary>
    public static async Task<(PatientFollowUp? Changed, ProblemDetails? Problem)> RecordAsync(
        Guid taskId, RecordCheck request, CareUser user, IDocumentSession session, IAccessLog accessLog, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(accessLog);
        var found = await session.Query<PatientFollowUp>().Where(f => f.Tasks.Any(t => t.Id == taskId)).Select(f => f.Id).ToListAsync(ct).ConfigureAwait(false);
        if (found.Count != 1)
        {
            return (null, Problem.NotFound(VisibleFollowUps.NotFound));
        }

        var stream = await session.Events.FetchForWriting<PatientFollowUp>(found[0], ct).ConfigureAwait(false);
        var followUp = stream.Aggregate;
        if (followUp is null || !followUp.MaySee(user))
        {
            if (followUp is not null)
            {
                await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Change, followUp.PatientReference, "referral.follow-up", followUp.Id.ToString(), AccessOutcome.Denied), ct).ConfigureAwait(false);
            }

            return (null, Problem.NotFound(VisibleFollowUps.NotFound));
        }

        var (events, problem) = Decide(followUp, taskId, request.Findings, user, clock.GetUtcNow());
        if (problem is not null)
        {
            return (null, problem);
        }

        stream.AppendMany(events);
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Change, followUp.PatientReference, "referral.follow-up", followUp.Id.ToString()), ct).ConfigureAwait(false);
        return (events.Aggregate(followUp, (f, e) => f.Then(e)), null);
    }

    /// <summary>The decision: the check on an open task, and the re-referral the agreement's criteria propose.</summary>
    public static (IReadOnlyList<object> Events, ProblemDetails? Problem) Decide(PatientFollowUp followUp, Guid taskId, CheckFindings findings, CareUser by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        ArgumentNullException.ThrowIfNull(by);
        var task = followUp.Tasks.Single(t => t.Id == taskId);
        if (task.State != FollowUpTaskState.Open)
        {
            return ([], Problem.Conflict("Deze controle is al vastgelegd."));
        }

        var reasons = ReReferralAdvice.For(
            findings, new PlannedTask(task.Kind, task.MonthsAfterStart, task.Due, task.MeasureHeight, task.RepeatDexa), followUp.Drug, followUp.FirstHeightCm,
            followUp.ReReferralCriteria.ToHashSet());
        var recorded = new CheckRecorded(followUp.Id, taskId, findings, by.UserId, by.Name, now);
        return (reasons.Count == 0 ? [recorded] : [recorded, new ReReferralProposed(followUp.Id, taskId, reasons, now)], null);
    }
}
