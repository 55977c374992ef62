using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.Referral.Agreements;

/// <summary>An agreement as everyone may read it (it holds no patient data).</summary>
public sealed record AgreementView(Guid Id, Guid HospitalId, string HospitalName, string Title, int? ActiveVersion, IReadOnlyList<AgreementVersion> Versions, IReadOnlyList<JoinedPractice> Practices)
{
    public static AgreementView Of(Agreement a) => new(a.Id, a.HospitalId, a.HospitalName, a.Title, a.Active?.Number, a.Versions, a.Practices);
}

/// <summary>A line in the list of agreements.</summary>
public sealed record AgreementListItem(Guid Id, string HospitalName, string Title, int? ActiveVersion, int LatestVersion, int PracticesJoined);

public static class ReadingAgreementsEndpoints
{
    [WolverineGet("/api/agreements"), Tags("Afspraken")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("The referral and back-referral agreements of the region")]
    public static async Task<IReadOnlyList<AgreementListItem>> List(IQuerySession session, CancellationToken ct) =>
        (await session.Query<Agreement>().ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(a => a.HospitalName, StringComparer.CurrentCulture).ThenBy(a => a.Title, StringComparer.CurrentCulture)
            .Select(a => new AgreementListItem(a.Id, a.HospitalName, a.Title, a.Active?.Number, a.Versions.Max(v => v.Number), a.Practices.Count))
            .ToList();

    [WolverineGet("/api/agreements/{id:guid}"), Tags("Afspraken")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("One agreement with all its versions and the practices that joined")]
    public static async Task<Results<Ok<AgreementView>, ProblemHttpResult>> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Agreement>(id, ct).ConfigureAwait(false) is { } agreement
            ? TypedResults.Ok(AgreementView.Of(agreement))
            : TypedResults.Problem(Problem.NotFound(AgreementCommands.NotFound));
}

/// <summary>The terms a practice works under with a hospital: the agreement version it joined.</summary>
public static class AgreementsInForce
{
    public static async Task<AgreementTerms?> ForAsync(IQuerySession session, Guid practiceId, Guid hospitalId, CancellationToken ct) =>
        (await session.LoadAsync<JoinedAgreement>(JoinedAgreement.IdOf(practiceId, hospitalId), ct).ConfigureAwait(false))?.Terms;
}
