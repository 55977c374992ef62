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

/// <summary>The patient has an appointment: when and where. A new one replaces an earlier one.</summary>
public sealed record ScheduleAppointment(DateTimeOffset When, string Where)
{
    public sealed class Validator : AbstractValidator<ScheduleAppointment>
    {
        public Validator()
        {
            RuleFor(x => x.When).NotEmpty().WithMessage("Vul de datum en tijd van de afspraak in.");
            RuleFor(x => x.Where).NotEmpty().WithMessage("Vul in waar de afspraak is (polikliniek, locatie).")
                .MaximumLength(200).WithMessage("Hoogstens 200 tekens.");
        }
    }
}

public static class ScheduleAppointmentEndpoint
{
    [WolverinePost("/api/referrals/{id:guid}/appointment"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Record the patient's appointment (a new one replaces the earlier one)")]
    public static Task<Results<Ok<ReferralView>, ProblemHttpResult>> Post(
        Guid id, ScheduleAppointment request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct) =>
        ReferralCommands.ChangeAsync(id, http, new(session, accessLog, bus, clock), (referral, user) => Decide(referral, user, request, clock.GetUtcNow()), ct);

    /// <summary>After acceptance (invited or not), and again to move an appointment.</summary>
    public static (object?, ProblemDetails?) Decide(HospitalReferral referral, CareUser user, ScheduleAppointment request, DateTimeOffset now) =>
        ReferralCommands.AsHospital(user, () => referral.Status switch
        {
            ReferralStatus.Accepted or ReferralStatus.Invited or ReferralStatus.AppointmentScheduled =>
                (new AppointmentScheduled(referral.Id, request.When, request.Where.Trim(), user.UserId, user.Name, now), null),
            ReferralStatus.Sent => ReferralCommands.Refuse("Accepteer de verwijzing eerst."),
            _ => ReferralCommands.Refuse("Bij deze verwijzing wordt geen afspraak meer gemaakt."),
        });
}
