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

/// <summary>The hospital invited the patient: by letter, phone, patient portal (<see cref="Channel"/>).</summary>
public sealed record RecordInvitation(string Channel)
{
    public sealed class Validator : AbstractValidator<RecordInvitation>
    {
        public Validator()
        {
            RuleFor(x => x.Channel).NotEmpty().WithMessage("Vul in hoe u de patiënt uitnodigde (brief, telefoon, patiëntportaal).")
                .MaximumLength(200).WithMessage("Hoogstens 200 tekens.");
        }
    }
}

public static class RecordInvitationEndpoint
{
    [WolverinePost("/api/referrals/{id:guid}/invitations"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Record an invitation sent to the patient (numbered 1, 2, ...)")]
    public static Task<Results<Ok<ReferralView>, ProblemHttpResult>> Post(
        Guid id, RecordInvitation request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct) =>
        ReferralCommands.ChangeAsync(id, http, new(session, accessLog, bus, clock), (referral, user) => Decide(referral, user, request, clock.GetUtcNow()), ct);

    /// <summary>An accepted referral without an appointment: the next invitation gets the next number.</summary>
    public static (object?, ProblemDetails?) Decide(HospitalReferral referral, CareUser user, RecordInvitation request, DateTimeOffset now) =>
        ReferralCommands.AsHospital(user, () => referral.Status switch
        {
            ReferralStatus.Accepted or ReferralStatus.Invited =>
                (new InvitationSent(referral.Id, referral.InvitationsSent + 1, request.Channel.Trim(), user.UserId, user.Name, now), null),
            ReferralStatus.Sent => ReferralCommands.Refuse("Accepteer de verwijzing eerst."),
            ReferralStatus.AppointmentScheduled => ReferralCommands.Refuse("De patiënt heeft al een afspraak."),
            _ => ReferralCommands.Refuse("Bij deze verwijzing worden geen uitnodigingen meer vastgelegd."),
        });
}
