using Marten;
using Microsoft.AspNetCore.Http;
using Schakel.BuildingBlocks.Access;
using Wolverine.Http;

namespace Schakel.Consultation.Pools;

/// <summary>
/// A hospital's specialty pool that answers questions, with its response promise in working
/// days, and whether it gives questions to its specialists itself (<see cref="AssignAutomatically"/>;
/// added later with a default, so pools stored before still load). Id: "{hospitalId}:{pool}".
/// </summary>
public sealed record ConsultationPool(
    string Id,
    Guid HospitalId,
    string HospitalName,
    SpecialtyPool Pool,
    int PromiseWorkingDays,
    int UrgentPromiseWorkingDays,
    bool AssignAutomatically = false)
{
    public const int DefaultPromise = 2;
    public const int DefaultUrgentPromise = 1;

    public static string IdOf(Guid hospitalId, SpecialtyPool pool) => $"{hospitalId:N}:{pool}";

    public int PromiseFor(bool urgent) => urgent ? UrgentPromiseWorkingDays : PromiseWorkingDays;
}

public static class GetConsultationPoolsEndpoint
{
    /// <summary>The pools a question can be sent to, for the GP's form and for information systems.</summary>
    [WolverineGet("/api/consultations/pools"), Tags("Consultatie")]
    [EndpointSummary("Hospital specialty pools that answer consultation questions, with their response promise")]
    public static async Task<IReadOnlyList<ConsultationPool>> Get(IQuerySession session, CancellationToken ct) =>
        await session.Query<ConsultationPool>().OrderBy(p => p.HospitalName).ThenBy(p => p.Pool).ToListAsync(ct).ConfigureAwait(false);
}

/// <summary>The door through which the host's demo seeding (and tests) open pools.</summary>
public static class OpenConsultationPools
{
    public static async Task<int> OpenAsync(IDocumentStore store, Guid hospitalId, string hospitalName, IEnumerable<SpecialtyPool> pools, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var opened = 0;
        foreach (var pool in pools)
        {
            var id = ConsultationPool.IdOf(hospitalId, pool);
            if (await session.LoadAsync<ConsultationPool>(id, ct).ConfigureAwait(false) is null)
            {
                session.Store(new ConsultationPool(id, hospitalId, hospitalName, pool, ConsultationPool.DefaultPromise, ConsultationPool.DefaultUrgentPromise));
                opened++;
            }
        }

        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        return opened;
    }
}
