using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.BuildingBlocks.Problems;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Referral.FollowUp;

/// <summary>The practice adds a patient to its follow-up programme itself (patient groups 2, 3 and 5).</summary>
public sealed record EnrolPatient(
    Guid HospitalId,
    string PracticePatientReference,
    PatientGroup Group,
    string Drug,
    string? Dose,
    DateOnly TreatmentStart)
{
    /// <summary>The groups a practice enrols itself; group 1 comes from the safety net, group 4 from a back-referral.</summary>
    public static readonly IReadOnlySet<PatientGroup> DirectGroups =
        new HashSet<PatientGroup> { PatientGroup.KnownOsteoporosisTreatedByGp, PatientGroup.CaseFinding, PatientGroup.GlucocorticoidUser };

    public sealed class Validator : AbstractValidator<EnrolPatient>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.HospitalId).NotEmpty().WithMessage("Kies het ziekenhuis van de afspraak.");
            RuleFor(x => x.PracticePatientReference)
                .NotEmpty().WithMessage("Vul het patiëntnummer van de praktijk in (hoogstens 64 tekens).")
                .MaximumLength(64).WithMessage("Vul het patiëntnummer van de praktijk in (hoogstens 64 tekens).");
            RuleFor(x => x.PracticePatientReference).Must(r => !CareIdentifiers.ContainsBsn(r)).When(x => !string.IsNullOrEmpty(x.PracticePatientReference))
                .WithMessage("Gebruik als patiëntnummer niet het BSN.");
            RuleFor(x => x.Group).Must(g => DirectGroups.Contains(g))
                .WithMessage("Zelf aanmelden kan voor groep 2 (bekend met osteoporose), 3 (case finding) en 5 (prednisongebruik).");
            RuleFor(x => x.Drug)
                .NotEmpty().WithMessage("Vul het middel in (hoogstens 100 tekens).")
                .MaximumLength(100).WithMessage("Vul het middel in (hoogstens 100 tekens).");
            RuleFor(x => x.Dose).MaximumLength(100).WithMessage("Hoogstens 100 tekens.");
            RuleFor(x => x.TreatmentStart)
                .Must(d => d >= new DateOnly(2000, 1, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)))
                .WithMessage("Vul de startdatum van de behandeling in (niet in de toekomst).");
        }
    }
}

public static class StartFollowUp
{
    /// <summary>The practice that follows the patient, and her responsible GP.</summary>
    public sealed record Practice(Guid Id, string Name, Guid ResponsibleGpId, string ResponsibleGpName)
    {
        public static Practice Of(CareUser user) => new(user.OrganisationId, user.OrganisationName, user.ResponsibleUserId, user.ResponsibleUserName);
    }

    /// <summary>
    /// The decision, for a back-referral and a direct enrolment alike: the plan from the agreement
    /// version in force, each task with its own id.
    /// </summary>
    public static FollowUpStarted Decide(
        Guid followUpId, Practice practice, Guid startedById, string startedByName, string patientReference, string practicePatientReference, PatientGroup group, FollowUpSource source,
        Guid? referralId, string drug, string? dose, DateOnly treatmentStart, AgreementTerms terms, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(terms);
        var tasks = FollowUpPlan.For(terms.Schedule, treatmentStart)
            .Select(t => new FollowUpTask(Guid.CreateVersion7(), t.Kind, t.MonthsAfterStart, t.Due, t.MeasureHeight, t.RepeatDexa, FollowUpTaskState.Open, null, null, null))
            .ToList();
        return new FollowUpStarted(
            followUpId, practice.Id, practice.Name, practice.ResponsibleGpId, practice.ResponsibleGpName, startedById, startedByName,
            patientReference, practicePatientReference.Trim(), group, source, referralId, drug.Trim(), string.IsNullOrWhiteSpace(dose) ? null : dose.Trim(),
            treatmentStart, terms.AgreementId, terms.Version, [.. terms.ReReferralCriteria.Order()], tasks, now);
    }
}

public static class EnrolPatientEndpoint
{
    public const string NoAgreement = "Uw praktijk heeft nog geen verwijs- en terugverwijsafspraak met dit ziekenhuis; het opvolgschema komt uit die afspraak.";

    [WolverinePost("/api/follow-up"), Tags("Opvolging")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Add a patient of your practice to the follow-up programme (groups 2, 3 and 5) with the plan of the agreement in force")]
    public static async Task<Results<Created<FollowUpView>, ProblemHttpResult>> Post(
        EnrolPatient request, HttpContext http, IDocumentSession session, PatientPseudonyms pseudonyms, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var user = CareUser.From(http.User)!;
        var (started, problem) = await EnrolAsync(request, user, session, pseudonyms, accessLog, bus, clock, ct).ConfigureAwait(false);
        return started is null
            ? TypedResults.Problem(problem!)
            : TypedResults.Created($"/api/follow-up/{started.Id}", FollowUpView.Of(started));
    }

    /// <summary>
    /// For the API and the portal: the follow-up as started, or why not. The caller's transaction stores
    /// it, and the bus (the outbox enrolled in that transaction) sends the contract message with it.
    /// </summary>
    public static async Task<(PatientFollowUp? Started, ProblemDetails? Problem)> EnrolAsync(
        EnrolPatient request, CareUser user, IDocumentSession session, PatientPseudonyms pseudonyms, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        ArgumentNullException.ThrowIfNull(accessLog);
        ArgumentNullException.ThrowIfNull(bus);
        if (await session.LoadAsync<JoinedAgreement>(JoinedAgreement.IdOf(user.OrganisationId, request.HospitalId), ct).ConfigureAwait(false) is not { } joined)
        {
            return (null, Problem.Conflict(NoAgreement));
        }

        var started = StartFollowUp.Decide(
            Guid.CreateVersion7(), StartFollowUp.Practice.Of(user), user.UserId, user.Name, pseudonyms.For(user.OrganisationId, request.PracticePatientReference), request.PracticePatientReference,
            request.Group, FollowUpSource.DirectEnrolment, null, request.Drug, request.Dose, request.TreatmentStart, joined.Terms, clock.GetUtcNow());
        session.Events.StartStream<PatientFollowUp>(started.FollowUpId, started);
        await bus.PublishAsync(FollowUpEffects.Started(started, joined.Terms.HospitalId)).ConfigureAwait(false);
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Create, started.PatientReference, "referral.follow-up", started.FollowUpId.ToString()), ct).ConfigureAwait(false);
        return (PatientFollowUp.Start(started), null);
    }
}
