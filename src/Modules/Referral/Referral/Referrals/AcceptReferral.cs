using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Referral.Referrals;

/// <summary>The receiving hospital takes a referral on.</summary>
public static class AcceptReferralEndpoint
{
    [WolverinePost("/api/referrals/{id:guid}/accept"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Accept a referral to your hospital")]
    public static Task<Results<Ok<ReferralView>, ProblemHttpResult>> Post(
        Guid id, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct) =>
        ReferralCommands.ChangeAsync(id, http, new(session, accessLog, bus, clock), (referral, user) => Decide(referral, user, clock.GetUtcNow()), ct);

    /// <summary>Only a referral that waits for the hospital's answer can be accepted, by the hospital.</summary>
    public static (object?, ProblemDetails?) Decide(HospitalReferral referral, CareUser user, DateTimeOffset now) =>
        ReferralCommands.AsHospital(user, () => referral.Status switch
        {
            ReferralStatus.Sent => (new ReferralAccepted(referral.Id, user.UserId, user.Name, now), null),
            ReferralStatus.Accepted => ReferralCommands.Refuse("Deze verwijzing is al geaccepteerd."),
            _ => ReferralCommands.Refuse("Deze verwijzing wacht niet (meer) op acceptatie."),
        });
}
