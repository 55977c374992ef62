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

/// <summary>The hospital saw the patient and closes the referral with a short summary for the GP.</summary>
public sealed record CompleteReferral(string Summary)
{
    public sealed class Validator : AbstractValidator<CompleteReferral>
    {
        public Validator()
        {
            RuleFor(x => x.Summary).NotEmpty().WithMessage("Schrijf een korte samenvatting voor de huisarts.")
                .MaximumLength(MakeReferral.MaxTextLength).WithMessage($"De samenvatting mag hoogstens {MakeReferral.MaxTextLength} tekens lang zijn.");
        }
    }
}

public static class CompleteReferralEndpoint
{
    [WolverinePost("/api/referrals/{id:guid}/complete"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Complete a referral after the appointment, with a summary")]
    public static Task<Results<Ok<ReferralView>, ProblemHttpResult>> Post(
        Guid id, CompleteReferral request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct) =>
        ReferralCommands.ChangeAsync(id, http, new(session, accessLog, bus, clock), (referral, user) => Decide(referral, user, request, clock.GetUtcNow()), ct);

    /// <summary>Only after the appointment was scheduled.</summary>
    public static (object?, ProblemDetails?) Decide(HospitalReferral referral, CareUser user, CompleteReferral request, DateTimeOffset now) =>
        ReferralCommands.AsHospital(user, () => referral.Status switch
        {
            ReferralStatus.AppointmentScheduled => (new ReferralCompleted(referral.Id, request.Summary.Trim(), user.UserId, user.Name, now), null),
            ReferralStatus.Completed => ReferralCommands.Refuse("Deze verwijzing is al afgerond."),
            _ => ReferralCommands.Refuse("Leg eerst de afspraak met de patiënt vast."),
        });
}
