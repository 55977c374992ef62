using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Referral.FollowUp;

/// <summary>What the practice nurse found at a check.</summary>
/// <param name="DexaRepeatedOn">At an evaluation whose plan asks for a repeat DEXA: the day it was made, once it was.</param>
public sealed record RecordCheck(
    bool StillTakingMedication,
    bool StoppedBecauseOfSideEffects,
    string? SideEffects,
    decimal? HeightCm,
    int FallsSinceLastCheck,
    bool NewFracture,
    string? Complications,
    DateOnly? DexaRepeatedOn = null)
{
    public const string DexaInTheFuture = "De datum van de herhaal-DEXA ligt niet in de toekomst.";
    public const string DexaNotAsked = "Een herhaal-DEXA legt u vast bij de evaluatie waarvoor het plan er een vraagt.";

    public CheckFindings Findings => new(
        StillTakingMedication, StoppedBecauseOfSideEffects, Trimmed(SideEffects), HeightCm, FallsSinceLastCheck, NewFracture, Trimmed(Complications));

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public sealed class Validator : AbstractValidator<RecordCheck>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.DexaRepeatedOn).Must(d => d <= FollowUpCalendar.Today(clock)).When(x => x.DexaRepeatedOn is not null).WithMessage(DexaInTheFuture);
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
    /// <summary>The field a refused repeat-DEXA day is reported on (as the API names it).</summary>
    public const string DexaField = "dexaRepeatedOn";

    /// <summary>Records a check on a task of the practice's worklist; a finding that meets a criterion proposes the referral back.</summary>
    [WolverinePost("/api/follow-up/tasks/{taskId:guid}/result"), Tags("Opvolging")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Record the result of a follow-up task (medication, side effects, height, falls, the day of a repeat DEXA at the evaluation); proposes a re-referral when the agreement's criteria are met")]
    public static async Task<Results<Ok<FollowUpView>, ProblemHttpResult>> Post(
        Guid taskId, RecordCheck request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var (changed, problem) = await RecordAsync(taskId, request, CareUser.From(http.User)!, session, accessLog, bus, clock, ct).ConfigureAwait(false);
        return changed is null ? TypedResults.Problem(problem!) : TypedResults.Ok(FollowUpView.Of(changed));
    }

    /// <summary>
    /// For the API and the portal: the follow-up after the check, or why not. The caller's transaction
    /// stores it, and the bus (the outbox enrolled in that transaction) sends the contract message with it.
    /// </summary>
    public static async Task<(PatientFollowUp? Changed, ProblemDetails? Problem)> RecordAsync(
        Guid taskId, RecordCheck request, CareUser user, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(accessLog);
        ArgumentNullException.ThrowIfNull(bus);
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

        var (events, problem) = Decide(followUp, taskId, request.Findings, user, clock.GetUtcNow(), request.DexaRepeatedOn);
        if (problem is not null)
        {
            return (null, problem);
        }

        stream.AppendMany(events);
        foreach (var message in FollowUpEffects.Recorded(followUp, events))
        {
            await bus.PublishAsync(message).ConfigureAwait(false);
        }

        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Change, followUp.PatientReference, "referral.follow-up", followUp.Id.ToString()), ct).ConfigureAwait(false);
        return (events.Aggregate(followUp, (f, e) => f.Then(e)), null);
    }

    /// <summary>
    /// The decision: the check on an open task (with the day of the repeat DEXA, where the plan asks
    /// for one), and the re-referral the agreement's criteria propose.
    /// </summary>
    public static (IReadOnlyList<object> Events, ProblemDetails? Problem) Decide(
        PatientFollowUp followUp, Guid taskId, CheckFindings findings, CareUser by, DateTimeOffset now, DateOnly? dexaRepeatedOn = null)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        ArgumentNullException.ThrowIfNull(by);
        var task = followUp.Tasks.Single(t => t.Id == taskId);
        if (task.State != FollowUpTaskState.Open)
        {
            return ([], Problem.Conflict("Deze controle is al vastgelegd."));
        }

        if (dexaRepeatedOn is { } on && DexaProblem(followUp, task, on) is { } dexaProblem)
        {
            return ([], Problem.Invalid(new Dictionary<string, string[]> { [DexaField] = [dexaProblem] }));
        }

        var reasons = ReReferralAdvice.For(
            findings, new PlannedTask(task.Kind, task.MonthsAfterStart, task.Due, task.MeasureHeight, task.RepeatDexa), followUp.Drug, followUp.FirstHeightCm,
            followUp.ReReferralCriteria.ToHashSet());
        var events = new List<object> { new CheckRecorded(followUp.Id, taskId, findings, by.UserId, by.Name, now) };
        if (dexaRepeatedOn is { } day)
        {
            events.Add(new DexaRepeated(followUp.Id, taskId, day, by.UserId, by.Name, now));
        }

        if (reasons.Count > 0)
        {
            events.Add(new ReReferralProposed(followUp.Id, taskId, reasons, now));
        }

        return (events, null);
    }

    /// <summary>Why this day cannot be the repeat DEXA of this task, or null when it can.</summary>
    private static string? DexaProblem(PatientFollowUp followUp, FollowUpTask task, DateOnly on) =>
        !task.RepeatDexa ? RecordCheck.DexaNotAsked
        : on < followUp.TreatmentStart ? $"De herhaal-DEXA ligt niet vóór de start van de behandeling ({followUp.TreatmentStart:d-M-yyyy})."
        : null;
}
