using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Contracts;
using Wolverine.Http;

namespace Schakel.Referral.Proposals;

/// <summary>
/// A referral the specialist advised in a consultation, ready for the GP to confirm. The
/// Referral module's own copy, made from the Consultation module's integration event.
/// <see cref="UsedByReferralId"/>: the referral the GP made from it (then it is no longer offered).
/// </summary>
public sealed record ReferralProposal(
    Guid Id,
    Guid PracticeId,
    Guid ResponsibleGpId,
    Guid HospitalId,
    string HospitalName,
    Specialty Specialty,
    string PatientReference,
    string AdvisedBy,
    DateTimeOffset AdvisedAt,
    Guid? UsedByReferralId = null);

/// <summary>
/// Idempotent: the same message twice stores the same proposal once (its id is the question's), and a
/// redelivery never offers again a proposal the GP already used.
/// </summary>
public static class ReferralAdvisedHandler
{
    public static async Task Handle(ReferralAdvisedIntegrationEvent message, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<ReferralProposal>(message.QuestionId, ct).ConfigureAwait(false) is not null)
        {
            return;
        }

        session.Store(new ReferralProposal(
            message.QuestionId, message.PracticeId, message.ResponsibleGpId, message.HospitalId, message.HospitalName,
            message.Specialty, message.PatientReference, message.SpecialistName, message.AdvisedAt));
    }
}

public static class GetReferralProposalsEndpoint
{
    /// <summary>The referrals advised for the caller's practice and not yet made, newest first.</summary>
    [WolverineGet("/api/referral/proposals"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Referrals advised by specialists for your practice, ready to confirm")]
    public static async Task<IReadOnlyList<ReferralProposal>> Get(HttpContext http, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        var practice = CareUser.From(http.User)!.OrganisationId;
        var proposals = await session.Query<ReferralProposal>().Where(p => p.PracticeId == practice && p.UsedByReferralId == null)
            .OrderByDescending(p => p.AdvisedAt).ToListAsync(ct).ConfigureAwait(false);
        await accessLog.RecordListAsync(proposals.Select(p => p.PatientReference), "referral.proposal-list", ct).ConfigureAwait(false);

        return proposals;
    }
}
