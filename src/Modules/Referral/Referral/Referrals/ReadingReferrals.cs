using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Wolverine.Http;

namespace Schakel.Referral.Referrals;

/// <summary>The safety net's task as the practice sees it with its referral.</summary>
public sealed record PracticeTaskView(Guid Id, PracticeTaskKind Kind, DateOnly DueOn, PracticeTaskStatus Status)
{
    public static PracticeTaskView Of(PracticeTask t) => new(t.Id, t.Kind, t.DueOn, t.Status);
}

/// <summary>
/// A referral as the two sides see it, with its history (<see cref="Timeline"/>) and, for the practice, the
/// safety net's task; <see cref="PatientContact"/> is how the practice's contact after "no response" went.
/// </summary>
public sealed record ReferralView(
    Guid Id,
    ReferralStatus Status,
    ReferralTarget Target,
    PatientGroup PatientGroup,
    ReferredPatient Patient,
    string Reason,
    IReadOnlyList<ReferralContent> Content,
    Guid PracticeId,
    string PracticeName,
    string ResponsibleGpName,
    string MadeByName,
    Guid HospitalId,
    string HospitalName,
    Guid AgreementId,
    int AgreementVersion,
    Guid? ProposalId,
    DateTimeOffset MadeAt,
    string? DeclineReason,
    int InvitationsSent,
    DateTimeOffset? AppointmentAt,
    string? AppointmentPlace,
    string? Summary,
    bool NoHospitalResponse,
    PracticeTaskView? Task,
    IReadOnlyList<ReferralStep> Timeline,
    PatientReferredBack? BackReferral,
    PatientContactRecorded? PatientContact = null)
{
    public static ReferralView Of(HospitalReferral r, IReadOnlyList<ReferralStep> timeline, PracticeTask? task, DateTimeOffset now) => new(
        r.Id, r.Status, r.Target, r.PatientGroup, r.Patient, r.Reason, r.Content, r.PracticeId, r.PracticeName, r.ResponsibleGpName, r.MadeByName,
        r.HospitalId, r.HospitalName, r.AgreementId, r.AgreementVersion, r.ProposalId, r.MadeAt, r.DeclineReason, r.InvitationsSent,
        r.AppointmentAt, r.AppointmentPlace, r.Summary, r.AwaitsHospitalTooLong(now), task is null ? null : PracticeTaskView.Of(task), timeline, r.BackReferral,
        r.PatientContact);
}

/// <summary>
/// A line in a list: enough to choose, no clinical content. <see cref="NoHospitalResponse"/> and an open
/// <see cref="Task"/> are the GP's open loops.
/// </summary>
public sealed record ReferralListItem(
    Guid Id, ReferralStatus Status, string PatientReference, string PracticePatientReference, ReferralTarget Target, PatientGroup PatientGroup,
    string PracticeName, string HospitalName, DateTimeOffset MadeAt, int InvitationsSent, DateTimeOffset? AppointmentAt, bool NoHospitalResponse, PracticeTaskView? Task);

/// <summary>The one place that decides whether a caller sees a referral, and logs the attempt.</summary>
public static class VisibleReferrals
{
    public const string Resource = "referral.referral";

    public const string NotVisible = "Deze verwijzing bestaat niet, of u mag haar niet zien.";

    public static async Task<HospitalReferral?> LoadAsync(Guid id, CareUser? user, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(accessLog);
        var referral = await session.LoadAsync<HospitalReferral>(id, ct).ConfigureAwait(false);
        if (referral is null)
        {
            return null;
        }

        var allowed = user is not null && referral.IsVisibleTo(user);
        await accessLog.RecordAsync(
            new PatientDataAccess(AccessAction.Read, referral.PatientReference, Resource, id.ToString(), allowed ? AccessOutcome.Allowed : AccessOutcome.Denied),
            ct).ConfigureAwait(false);
        return allowed ? referral : null;
    }

    /// <summary>The referral with its timeline and, for the practice, its task.</summary>
    public static async Task<ReferralView> ViewAsync(HospitalReferral referral, CareUser user, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(user);
        var timeline = await ReferralTimeline.LoadAsync(session, referral.Id, ct).ConfigureAwait(false);
        var task = user.IsGpSide ? (await TasksOfAsync(session, [referral.Id], ct).ConfigureAwait(false)).GetValueOrDefault(referral.Id) : null;
        return ReferralView.Of(referral, timeline, task, now);
    }

    /// <summary>The practice's tasks for these referrals (one at most per referral: a patient did not respond once).</summary>
    public static async Task<Dictionary<Guid, PracticeTask>> TasksOfAsync(IQuerySession session, IReadOnlyCollection<Guid> referralIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (referralIds.Count == 0)
        {
            return [];
        }

        var ids = referralIds.ToArray();
        var tasks = await session.Query<PracticeTask>().Where(t => ids.Contains(t.ReferralId)).ToListAsync(ct).ConfigureAwait(false);
        return tasks.GroupBy(t => t.ReferralId).ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.CreatedAt).First());
    }
}

public static class GetReferralEndpoint
{
    /// <summary>One referral, to the referring practice and the receiving hospital only; to anyone else it does not exist.</summary>
    [WolverineGet("/api/referrals/{id:guid}"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Read one referral with its timeline (404 for whoever may not see it)")]
    public static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, IQuerySession session, IAccessLog accessLog, TimeProvider clock, CancellationToken ct)
    {
        var user = CareUser.From(http.User);
        var referral = await VisibleReferrals.LoadAsync(id, user, session, accessLog, ct).ConfigureAwait(false);
        return referral is null
            ? TypedResults.Problem(Problem.NotFound(VisibleReferrals.NotVisible))
            : TypedResults.Ok(await VisibleReferrals.ViewAsync(referral, user!, session, clock.GetUtcNow(), ct).ConfigureAwait(false));
    }
}

public static class ListReferralsEndpoint
{
    /// <summary>
    /// What the caller may see: the GP side its practice's referrals, the hospital side those to its
    /// hospital; newest first. <c>status=NoResponse</c> gives the patients the practice must contact.
    /// </summary>
    [WolverineGet("/api/referrals"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("List the referrals the caller may see (filter: status)")]
    public static async Task<IReadOnlyList<ReferralListItem>> Get(
        HttpContext http, IQuerySession session, IAccessLog accessLog, TimeProvider clock, ReferralStatus? status, CancellationToken ct)
    {
        var user = CareUser.From(http.User);
        IQueryable<HospitalReferral> query;
        if (user is { IsGpSide: true })
        {
            query = session.Query<HospitalReferral>().Where(r => r.PracticeId == user.OrganisationId);
        }
        else if (user is { IsSpecialistSide: true })
        {
            query = session.Query<HospitalReferral>().Where(r => r.HospitalId == user.OrganisationId);
        }
        else
        {
            return [];
        }

        if (status is { } wanted)
        {
            query = query.Where(r => r.Status == wanted);
        }

        var now = clock.GetUtcNow();
        var referrals = await query.OrderByDescending(r => r.MadeAt).ToListAsync(ct).ConfigureAwait(false);
        var tasks = user.IsGpSide ? await VisibleReferrals.TasksOfAsync(session, referrals.Select(r => r.Id).ToList(), ct).ConfigureAwait(false) : [];
        var items = referrals.Select(r => new ReferralListItem(
                r.Id, r.Status, r.PatientReference, r.Patient.PracticePatientReference, r.Target, r.PatientGroup, r.PracticeName, r.HospitalName, r.MadeAt,
                r.InvitationsSent, r.AppointmentAt, r.AwaitsHospitalTooLong(now), tasks.TryGetValue(r.Id, out var task) ? PracticeTaskView.Of(task) : null))
            .ToList();
        await accessLog.RecordListAsync(items.Select(i => i.PatientReference), "referral.referral-list", ct).ConfigureAwait(false);

        return items;
    }
}
