using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Schakel.BuildingBlocks.Access;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>Per pool: how many questions are open, late, waiting for the GP, answered. Counts only: no patient data.</summary>
public sealed record PoolLoad(string HospitalName, SpecialtyPool Pool, int Open, int Late, int AwaitingClarification, int Answered);

public static class PoolOverviewEndpoint
{
    [WolverineGet("/api/consultations/overview"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Open and late questions per pool, for the regional coordinator (counts only)")]
    public static async Task<IReadOnlyList<PoolLoad>> Get(IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var questions = await session.Query<Question>()
            .Where(q => q.Status != QuestionStatus.Closed && q.Status != QuestionStatus.Withdrawn)
            .Select(q => new { q.HospitalName, q.Pool, q.Status, q.DueAt })
            .ToListAsync(ct).ConfigureAwait(false);
        return questions
            .GroupBy(q => (q.HospitalName, q.Pool))
            .OrderBy(g => g.Key.HospitalName).ThenBy(g => g.Key.Pool)
            .Select(g => new PoolLoad(
                g.Key.HospitalName,
                g.Key.Pool,
                g.Count(q => q.Status is QuestionStatus.Open or QuestionStatus.Claimed),
                g.Count(q => q.Status is QuestionStatus.Open or QuestionStatus.Claimed && q.DueAt < now),
                g.Count(q => q.Status == QuestionStatus.AwaitingClarification),
                g.Count(q => q.Status == QuestionStatus.Answered)))
            .ToList();
    }
}
