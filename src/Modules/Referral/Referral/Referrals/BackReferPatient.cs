using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Referral.Referrals;

/// <summary>DEXA T-scores at the three sites (any may be missing) and when they were measured.</summary>
public sealed record DexaFindings(decimal? LumbarSpine, decimal? FemoralNeck, decimal? TotalHip, DateOnly? MeasuredOn);

/// <summary>
/// The back-referral letter (terugrapportage): the diagnostics, the treatment started and remarks.
/// The practice's follow-up plan starts from the treatment's start date.
/// </summary>
public sealed record BackReferPatient(DexaFindings? Dexa, int? VfaGenantGrade, string? Lab, string Drug, string? Dose, DateOnly TreatmentStart, string? Remarks)
{
    public sealed class Validator : AbstractValidator<BackReferPatient>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Drug)
                .NotEmpty().WithMessage("Vul het gestarte middel in.")
                .MaximumLength(100).WithMessage("Hoogstens 100 tekens.");
            RuleFor(x => x.Dose).MaximumLength(100).WithMessage("Hoogstens 100 tekens.");
            RuleFor(x => x.TreatmentStart)
                .Must(d => d >= new DateOnly(2000, 1, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(31)))
                .WithMessage("Vul de startdatum van de behandeling in (hoogstens een maand vooruit).");
            RuleFor(x => x.VfaGenantGrade).InclusiveBetween(0, 3).When(x => x.VfaGenantGrade is not null).WithMessage("De Genant-graad is 0, 1, 2 of 3.");
            RuleFor(x => x.Lab).MaximumLength(MakeReferral.MaxTextLength).WithMessage($"Hoogstens {MakeReferral.MaxTextLength} tekens.");
            RuleFor(x => x.Remarks).MaximumLength(MakeReferral.MaxTextLength).WithMessage($"Hoogstens {MakeReferral.MaxTextLength} tekens.");
            RuleFor(x => x.Dexa!.LumbarSpine).InclusiveBetween(-7m, 5m).When(x => x.Dexa?.LumbarSpine is not null).WithMessage("Een T-score ligt tussen -7 en 5.");
            RuleFor(x => x.Dexa!.FemoralNeck).InclusiveBetween(-7m, 5m).When(x => x.Dexa?.FemoralNeck is not null).WithMessage("Een T-score ligt tussen -7 en 5.");
            RuleFor(x => x.Dexa!.TotalHip).InclusiveBetween(-7m, 5m).When(x => x.Dexa?.TotalHip is not null).WithMessage("Een T-score ligt tussen -7 en 5.");
        }
    }
}

public static class BackReferPatientEndpoint
{
    /// <summary>The hospital hands the patient back; the practice's follow-up plan starts in the same transaction.</summary>
    [WolverinePost("/api/referrals/{id:guid}/back-referral"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Refer the patient back to the practice with diagnostics and the treatment started; starts the practice's follow-up plan")]
    public static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> Post(
        Guid id, BackReferPatient request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var user = CareUser.From(http.User)!;
        var (changed, problem) = await BackReferAsync(id, request, user, new(session, accessLog, bus, clock), ct).ConfigureAwait(false);
        return changed is null
            ? TypedResults.Problem(problem!)
            : TypedResults.Ok(await VisibleReferrals.ViewAsync(changed, user, session, clock.GetUtcNow(), ct).ConfigureAwait(false));
    }

    /// <summary>For the API and the portal: the referral after the back-referral (and its follow-up started), or why not.</summary>
    public static async Task<(HospitalReferral? Changed, ProblemDetails? Problem)> BackReferAsync(
        Guid id, BackReferPatient request, CareUser user, ReferralDesk desk, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var snapshot = await desk.Session.LoadAsync<HospitalReferral>(id, ct).ConfigureAwait(false);
        var terms = snapshot is null ? null
            : (await desk.Session.LoadAsync<JoinedAgreement>(JoinedAgreement.IdOf(snapshot.PracticeId, snapshot.HospitalId), ct).ConfigureAwait(false))?.Terms;
        var followUpId = Guid.CreateVersion7();
        var now = desk.Clock.GetUtcNow();
        var (changed, problem) = await ReferralCommands.TryChangeAsync(id, user, desk, (r, u) => Decide(r, u, request, terms, followUpId, now), ct).ConfigureAwait(false);
        if (changed is null)
        {
            return (null, problem);
        }

        var started = StartFollowUp.Decide(
            followUpId, new StartFollowUp.Practice(changed.PracticeId, changed.PracticeName, changed.ResponsibleGpId, changed.ResponsibleGpName), user.UserId, user.Name,
            changed.PatientReference, changed.Patient.PracticePatientReference, PatientGroup.ReferredBackForFollowUp, FollowUpSource.BackReferral, changed.Id,
            request.Drug, request.Dose, request.TreatmentStart, terms!, now);
        desk.Session.Events.StartStream<PatientFollowUp>(followUpId, started);
        await desk.Bus.PublishAsync(FollowUpEffects.Started(started, changed.HospitalId)).ConfigureAwait(false);
        await desk.AccessLog.RecordAsync(new PatientDataAccess(AccessAction.Create, started.PatientReference, "referral.follow-up", followUpId.ToString()), ct).ConfigureAwait(false);
        return (changed, null);
    }

    /// <summary>The receiving hospital, once it has seen the patient (appointment or completed), and only once.</summary>
    public static (object?, ProblemDetails?) Decide(HospitalReferral referral, CareUser user, BackReferPatient request, AgreementTerms? terms, Guid followUpId, DateTimeOffset now) =>
        ReferralCommands.AsHospital(user, () =>
            referral.Status == ReferralStatus.BackReferred ? ReferralCommands.Refuse("Deze patiënt is al terugverwezen.")
            : referral.Status is not (ReferralStatus.AppointmentScheduled or ReferralStatus.Completed) ? ReferralCommands.Refuse("Terugverwijzen kan nadat de patiënt op de afspraak is geweest.")
            : terms is null ? ReferralCommands.Refuse("De praktijk neemt niet (meer) deel aan een verwijsafspraak met dit ziekenhuis; er is geen opvolgschema.")
            : (new PatientReferredBack(
                referral.Id, request.Dexa, request.VfaGenantGrade, Trim(request.Lab), request.Drug.Trim(), Trim(request.Dose), request.TreatmentStart, Trim(request.Remarks),
                followUpId, terms.AgreementId, terms.Version, user.UserId, user.Name, now), null));

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
