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

/// <summary>
/// The safety net: the patient did not respond to (at least) two invitations. The hospital records it,
/// and the referring practice gets a task to contact her (patient group 1), stored with this change.
/// </summary>
public static class RecordNoResponseEndpoint
{
    /// <summary>How many invitations the hospital sends before it hands the patient back to the GP.</summary>
    public const int InvitationsBeforeNoResponse = 2;

    [WolverinePost("/api/referrals/{id:guid}/no-response"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Record that the patient did not respond to two invitations (the GP gets a task to contact her)")]
    public static Task<Results<Ok<ReferralView>, ProblemHttpResult>> Post(
        Guid id, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct) =>
        ReferralCommands.ChangeAsync(id, http, new(session, accessLog, bus, clock), (referral, user) => Decide(referral, user, clock.GetUtcNow()), ct);

    public static (object?, ProblemDetails?) Decide(HospitalReferral referral, CareUser user, DateTimeOffset now) =>
        ReferralCommands.AsHospital(user, () => referral switch
        {
            { Status: ReferralStatus.Invited, InvitationsSent: >= InvitationsBeforeNoResponse } =>
                (new PatientDidNotRespond(referral.Id, referral.InvitationsSent, user.UserId, user.Name, now), null),
            { Status: ReferralStatus.Invited or ReferralStatus.Accepted } => ReferralCommands.Refuse(
                $"Nodig de patiënt eerst {InvitationsBeforeNoResponse} keer uit; er {(referral.InvitationsSent == 1 ? "is 1 uitnodiging" : $"zijn {referral.InvitationsSent} uitnodigingen")} vastgelegd."),
            _ => ReferralCommands.Refuse("Bij deze verwijzing kan geen 'geen reactie' meer worden vastgelegd."),
        });
}
