using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Referral.Contracts;
using Wolverine.Http;

namespace Schakel.Referral.FollowUp;

/// <summary>Where a task stands on the worklist.</summary>
public enum TaskBucket
{
    Overdue = 1,
    ThisWeek = 2,
    Later = 3,
}

/// <summary>A follow-up as the practice sees it, with its plan and the repeat DEXAs recorded at its evaluations.</summary>
public sealed record FollowUpView(
    Guid Id,
    string PatientReference,
    string PracticePatientReference,
    PatientGroup Group,
    FollowUpSource Source,
    Guid? ReferralId,
    string Drug,
    string? Dose,
    DateOnly TreatmentStart,
    string ResponsibleGpName,
    Guid AgreementId,
    int AgreementVersion,
    IReadOnlyList<FollowUpTask> Tasks,
    Guid? NextTaskId,
    IReadOnlyList<ReReferralReason> ProposedReReferral,
    IReadOnlyList<DexaRepeated> DexaRepeats)
{
    public static FollowUpView Of(PatientFollowUp f) => new(
        f.Id, f.PatientReference, f.PracticePatientReference, f.Group, f.Source, f.ReferralId, f.Drug, f.Dose, f.TreatmentStart, f.ResponsibleGpName,
        f.AgreementId, f.AgreementVersion, f.Tasks, f.Tasks.FirstOrDefault(t => t.State == FollowUpTaskState.Open)?.Id, f.ProposedReReferral, f.DexaRepeats);
}

/// <summary>A line on the practice's worklist.</summary>
public sealed record WorklistItem(
    Guid TaskId, Guid FollowUpId, FollowUpTaskKind Kind, int MonthsAfterStart, DateOnly Due, TaskBucket Bucket, bool MeasureHeight, bool RepeatDexa,
    string PracticePatientReference, string PatientReference, string Drug, Guid ResponsibleGpId, string ResponsibleGpName, bool ReReferralProposed);

/// <summary>The one place that decides whether a caller sees a follow-up, and logs the attempt.</summary>
public static class VisibleFollowUps
{
    public const string NotFound = "Deze opvolging bestaat niet, of u mag haar niet zien.";

    public static async Task<PatientFollowUp?> LoadAsync(Guid id, CareUser? user, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        var followUp = await session.LoadAsync<PatientFollowUp>(id, ct).ConfigureAwait(false);
        if (followUp is null)
        {
            return null;
        }

        var allowed = user is not null && followUp.MaySee(user);
        await accessLog.RecordAsync(
            new PatientDataAccess(AccessAction.Read, followUp.PatientReference, "referral.follow-up", id.ToString(), allowed ? AccessOutcome.Allowed : AccessOutcome.Denied),
            ct).ConfigureAwait(false);
        return allowed ? followUp : null;
    }

    /// <summary>
    /// The practice's worklist: every open task due up to the end of this week (overdue or this
    /// week), and each patient's next task after that (later); optionally for one responsible GP.
    /// </summary>
    public static async Task<IReadOnlyList<WorklistItem>> WorklistAsync(CareUser user, Guid? gp, IQuerySession session, IAccessLog accessLog, DateOnly today, CancellationToken ct)
    {
        var query = session.Query<PatientFollowUp>().Where(f => f.PracticeId == user.OrganisationId);
        if (gp is { } responsible)
        {
            query = query.Where(f => f.ResponsibleGpId == responsible);
        }

        var endOfWeek = FollowUpCalendar.EndOfWeek(today);
        var items = new List<WorklistItem>();
        foreach (var f in await query.ToListAsync(ct).ConfigureAwait(false))
        {
            var open = f.Tasks.Where(t => t.State == FollowUpTaskState.Open).OrderBy(t => t.Due).ToList();
            var soon = open.Where(t => t.Due <= endOfWeek).ToList();
            var later = open.FirstOrDefault(t => t.Due > endOfWeek);
            items.AddRange(soon.Select(t => Item(f, t, t.Due < today ? TaskBucket.Overdue : TaskBucket.ThisWeek)));
            if (later is not null)
            {
                items.Add(Item(f, later, TaskBucket.Later));
            }
        }

        await accessLog.RecordListAsync(items.Select(i => i.PatientReference), "referral.follow-up-worklist", ct).ConfigureAwait(false);

        return items.OrderBy(i => i.Bucket).ThenBy(i => i.Due).ThenBy(i => i.PracticePatientReference, StringComparer.Ordinal).ToList();
    }

    private static WorklistItem Item(PatientFollowUp f, FollowUpTask t, TaskBucket bucket) => new(
        t.Id, f.Id, t.Kind, t.MonthsAfterStart, t.Due, bucket, t.MeasureHeight, t.RepeatDexa, f.PracticePatientReference, f.PatientReference, f.Drug,
        f.ResponsibleGpId, f.ResponsibleGpName, f.ProposedReReferral.Count > 0);
}

public static class GetWorklistEndpoint
{
    /// <summary>The practice's follow-up tasks: overdue, due this week, and each patient's next one.</summary>
    [WolverineGet("/api/follow-up/tasks"), Tags("Opvolging")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("The practice's follow-up worklist: overdue, this week, later (filter: gp = responsible GP's id)")]
    public static Task<IReadOnlyList<WorklistItem>> Get(HttpContext http, IQuerySession session, IAccessLog accessLog, TimeProvider clock, Guid? gp, CancellationToken ct) =>
        VisibleFollowUps.WorklistAsync(CareUser.From(http.User)!, gp, session, accessLog, FollowUpCalendar.Today(clock), ct);
}

public static class GetFollowUpEndpoint
{
    [WolverineGet("/api/follow-up/{id:guid}"), Tags("Opvolging")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("One patient's follow-up: the plan, the checks done and any proposed re-referral (404 for other practices)")]
    public static async Task<Results<Ok<FollowUpView>, ProblemHttpResult>> Get(Guid id, HttpContext http, IQuerySession session, IAccessLog accessLog, CancellationToken ct) =>
        await VisibleFollowUps.LoadAsync(id, CareUser.From(http.User), session, accessLog, ct).ConfigureAwait(false) is { } followUp
            ? TypedResults.Ok(FollowUpView.Of(followUp))
            : TypedResults.Problem(Problem.NotFound(VisibleFollowUps.NotFound));
}
