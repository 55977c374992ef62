using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Consultation.Assignment;

/// <summary>Whether the pool gives new and returned questions to its specialists itself.</summary>
public sealed record SwitchPoolAssignment(bool Automatic);

public static class PoolAssignment
{
    /// <summary>The regional coordinator, or an osteoporosis nurse of the pool's own hospital (she coordinates its FLS).</summary>
    public static bool MaySwitch(CareUser user, Guid hospitalId) =>
        user.IsInRole(SchakelRoles.Coordinator)
        || (user.IsInRole(SchakelRoles.OsteoporosisNurse) && user.IsSpecialistSide && user.OrganisationId == hospitalId);

    /// <summary>The pool after the switch, or why not (403 who may not, 404 no such pool). Switching on offers the questions waiting in the pool.</summary>
    public static async Task<(ConsultationPool? Pool, ProblemDetails? Problem)> SwitchAsync(
        CareUser user, Guid hospitalId, SpecialtyPool poolName, bool automatic, IDocumentSession session, IMessageBus bus, CancellationToken ct)
    {
        if (!MaySwitch(user, hospitalId))
        {
            return (null, Problem.Forbidden("Alleen de coördinator of de osteoporoseverpleegkundige van dit ziekenhuis stelt de toewijzing van een pool in."));
        }

        if (await session.LoadAsync<ConsultationPool>(ConsultationPool.IdOf(hospitalId, poolName), ct).ConfigureAwait(false) is not { } pool)
        {
            return (null, Problem.NotFound("Dit ziekenhuis heeft geen consultatielijn voor dit specialisme."));
        }

        var switched = pool with { AssignAutomatically = automatic };
        session.Store(switched);
        if (automatic && !pool.AssignAutomatically)
        {
            await OfferWaitingQuestionsAsync(session, bus, hospitalId, poolName, ct).ConfigureAwait(false);
        }

        return (switched, null);
    }

    /// <summary>Asks the assignment to look again at every question of the pool that nobody holds (through the caller's outbox).</summary>
    public static async Task OfferWaitingQuestionsAsync(IQuerySession session, IMessageBus bus, Guid hospitalId, SpecialtyPool pool, CancellationToken ct)
    {
        var waiting = await session.Query<Question>()
            .Where(q => q.HospitalId == hospitalId && q.Pool == pool && q.ClaimedById == null
                && (q.Status == QuestionStatus.Open || q.Status == QuestionStatus.AwaitingClarification))
            .Select(q => q.Id)
            .ToListAsync(ct).ConfigureAwait(false);
        foreach (var id in waiting)
        {
            await bus.SendAsync(new AssignQuestion(id)).ConfigureAwait(false);
        }
    }
}

public static class SwitchPoolAssignmentEndpoint
{
    [WolverinePut("/api/consultations/pools/{hospitalId:guid}/{pool}/assignment"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Switch automatic assignment of a pool's questions on or off (coordinator, or the hospital's osteoporosis nurse)")]
    public static async Task<Results<Ok<ConsultationPool>, ProblemHttpResult>> Put(
        Guid hospitalId, string pool, SwitchPoolAssignment request, HttpContext http, IDocumentSession session, IMessageBus bus, CancellationToken ct)
    {
        if (!Enum.TryParse<SpecialtyPool>(pool, ignoreCase: true, out var poolName) || !Enum.IsDefined(poolName))
        {
            return TypedResults.Problem(Problem.NotFound("Dit specialisme kent geen consultatielijn."));
        }

        var (switched, problem) = await PoolAssignment.SwitchAsync(CareUser.From(http.User)!, hospitalId, poolName, request.Automatic, session, bus, ct).ConfigureAwait(false);
        return switched is null ? TypedResults.Problem(problem!) : TypedResults.Ok(switched);
    }
}
