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

/// <summary>The receiving hospital does not take a referral on, and says why.</summary>
public sealed record DeclineReferral(string Reason)
{
    public sealed class Validator : AbstractValidator<DeclineReferral>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).NotEmpty().WithMessage("Schrijf waarom u de verwijzing afwijst.")
                .MaximumLength(MakeReferral.MaxTextLength).WithMessage($"De reden mag hoogstens {MakeReferral.MaxTextLength} tekens lang zijn.");
        }
    }
}

public static class DeclineReferralEndpoint
{
    [WolverinePost("/api/referrals/{id:guid}/decline"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Decline a referral to your hospital, with a reason")]
    public static Task<Results<Ok<ReferralView>, ProblemHttpResult>> Post(
        Guid id, DeclineReferral request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct) =>
        ReferralCommands.ChangeAsync(id, http, new(session, accessLog, bus, clock), (referral, user) => Decide(referral, user, request, clock.GetUtcNow()), ct);

    /// <summary>Only a referral that waits for the hospital's answer can be declined, by the hospital.</summary>
    public static (object?, ProblemDetails?) Decide(HospitalReferral referral, CareUser user, DeclineReferral request, DateTimeOffset now) =>
        ReferralCommands.AsHospital(user, () => referral.Status == ReferralStatus.Sent
            ? (new ReferralDeclined(referral.Id, user.UserId, user.Name, request.Reason.Trim(), now), null)
            : ReferralCommands.Refuse("Alleen een verwijzing die nog op uw antwoord wacht, kan worden afgewezen."));
}
