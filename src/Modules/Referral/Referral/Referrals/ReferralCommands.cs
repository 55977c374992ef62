using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine;

namespace Schakel.Referral.Referrals;

/// <summary>
/// What every change to a referral works with. The bus must be Wolverine's outbox for the session:
/// an HTTP endpoint's injected <see cref="IMessageBus"/>, or a page's enrolled IMartenOutbox.
/// </summary>
public sealed record ReferralDesk(IDocumentSession Session, IAccessLog AccessLog, IMessageBus Bus, TimeProvider Clock);

/// <summary>
/// The shape every change to a referral takes: load it for writing, answer 404 to whoever may not see
/// it (and log the denial), let the slice's pure decision return an event or a problem, append,
/// access-log, and apply the effects. The stream version turns two racing changes into one success and one 409.
/// </summary>
public static class ReferralCommands
{
    /// <summary>For the API: the changed referral, or the problem (404, 403, 409) as RFC 7807.</summary>
    public static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> ChangeAsync(
        Guid id,
        HttpContext http,
        ReferralDesk desk,
        Func<HospitalReferral, CareUser, (object? Event, ProblemDetails? Problem)> decide,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(desk);
        var user = CareUser.From(http.User)!;
        var (changed, change, problem) = await DecideAndAppendAsync(id, user, desk, decide, ct).ConfigureAwait(false);
        if (changed is null)
        {
            return TypedResults.Problem(problem!);
        }

        // The stored history, and the step just taken (stored with the caller's transaction).
        var view = await VisibleReferrals.ViewAsync(changed, user, desk.Session, desk.Clock.GetUtcNow(), ct).ConfigureAwait(false);
        return TypedResults.Ok(view with { Timeline = [.. view.Timeline, .. new[] { ReferralTimeline.Step(changed.Version, change!) }.OfType<ReferralStep>()] });
    }

    /// <summary>
    /// The change itself, for the API and the portal alike: the referral after the change, or why not.
    /// The caller's transaction (Wolverine's, or the page's SaveChanges) stores the event.
    /// </summary>
    public static async Task<(HospitalReferral? Changed, ProblemDetails? Problem)> TryChangeAsync(
        Guid id,
        CareUser user,
        ReferralDesk desk,
        Func<HospitalReferral, CareUser, (object? Event, ProblemDetails? Problem)> decide,
        CancellationToken ct)
    {
        var (changed, _, problem) = await DecideAndAppendAsync(id, user, desk, decide, ct).ConfigureAwait(false);
        return (changed, problem);
    }

    private static async Task<(HospitalReferral? Changed, object? Change, ProblemDetails? Problem)> DecideAndAppendAsync(
        Guid id,
        CareUser user,
        ReferralDesk desk,
        Func<HospitalReferral, CareUser, (object? Event, ProblemDetails? Problem)> decide,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(decide);
        var (session, accessLog) = (desk.Session, desk.AccessLog);
        var stream = await session.Events.FetchForWriting<HospitalReferral>(id, ct).ConfigureAwait(false);
        var referral = stream.Aggregate;
        if (referral is null || !referral.IsVisibleTo(user))
        {
            if (referral is not null)
            {
                await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Change, referral.PatientReference, VisibleReferrals.Resource, id.ToString(), AccessOutcome.Denied), ct).ConfigureAwait(false);
            }

            return (null, null, Problem.NotFound(VisibleReferrals.NotVisible));
        }

        var (change, problem) = decide(referral, user);
        if (problem is not null || change is null)
        {
            return (null, null, problem ?? Problem.Conflict("Dit kan nu niet."));
        }

        stream.AppendOne(change);
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Change, referral.PatientReference, VisibleReferrals.Resource, id.ToString()), ct).ConfigureAwait(false);
        var changed = referral.Then(change);
        await ReferralEffects.ApplyAsync(session, desk.Bus, change, changed, desk.Clock.GetUtcNow()).ConfigureAwait(false);
        return (changed, change, null);
    }

    /// <summary>
    /// The hospital's steps: only the receiving hospital's people take them. A GP who sees the referral
    /// gets 403 (it is visible to her, so that leaks nothing); the state decides the rest.
    /// </summary>
    public static (object?, ProblemDetails?) AsHospital(CareUser user, Func<(object?, ProblemDetails?)> decide)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(decide);
        return user.IsSpecialistSide ? decide() : NotYours("Alleen het ziekenhuis dat de verwijzing ontving, legt deze stap vast.");
    }

    /// <summary>A problem for a change the referral's state does not allow.</summary>
    public static (object?, ProblemDetails?) Refuse(string detail) => (null, Problem.Conflict(detail));

    /// <summary>A problem for the wrong side of the referral (it is visible, so 403 leaks nothing).</summary>
    public static (object?, ProblemDetails?) NotYours(string detail) => (null, Problem.Forbidden(detail));
}
