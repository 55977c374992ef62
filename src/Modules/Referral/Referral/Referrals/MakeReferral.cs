using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Api;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Contracts;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.Proposals;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Referral.Referrals;

/// <summary>
/// A GP (or a practice nurse for her GP) refers a patient to a hospital under the referral agreement
/// her practice joined with it. With <see cref="ProposalId"/> (the consultation question whose answer
/// advised a referral) the hospital comes from the proposal, and the patient must be the proposal's.
/// <see cref="Content"/> holds the items the agreement asks for, keyed by <see cref="ReferralContentItem"/>.
/// </summary>
public sealed record MakeReferral(
    Guid? HospitalId,
    ReferralTarget? Target,
    PatientGroup PatientGroup,
    MakeReferral.PatientInput Patient,
    bool ConsentRecorded,
    string Reason,
    IReadOnlyDictionary<ReferralContentItem, string>? Content,
    Guid? ProposalId)
{
    public const int MaxTextLength = 4000;

    public sealed record PatientInput(DateOnly DateOfBirth, Sex Sex, string PracticePatientReference, string? Bsn);

    public sealed class Validator : AbstractValidator<MakeReferral>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.HospitalId).NotEmpty().When(x => x.ProposalId is null).WithMessage("Kies het ziekenhuis.");
            RuleFor(x => x.Target).NotNull().When(x => x.ProposalId is null).WithMessage("Kies waarheen u verwijst.");
            RuleFor(x => x.Target).IsInEnum().When(x => x.Target is not null).WithMessage("Kies de fractuurpreventiepolikliniek, de internist of de reumatoloog.");
            RuleFor(x => x.PatientGroup).IsInEnum().WithMessage("Kies de patiëntgroep.");
            RuleFor(x => x.Patient).NotNull().WithMessage("Vul de gegevens van de patiënt in.");
            RuleFor(x => x.Patient.DateOfBirth).Must(d => d > new DateOnly(1900, 1, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                .When(x => x.Patient is not null).WithMessage("Vul een geldige geboortedatum in.");
            RuleFor(x => x.Patient.Sex).IsInEnum().When(x => x.Patient is not null).WithMessage("Kies het geslacht.");
            RuleFor(x => x.Patient.PracticePatientReference).NotEmpty().MaximumLength(64).When(x => x.Patient is not null)
                .WithMessage("Vul het patiëntnummer van de praktijk in (hoogstens 64 tekens).");
            RuleFor(x => x.Patient.PracticePatientReference).Must(r => !CareIdentifiers.ContainsBsn(r))
                .When(x => x.Patient is not null && !string.IsNullOrEmpty(x.Patient.PracticePatientReference))
                .WithMessage("Gebruik als patiëntnummer niet het BSN; vul het BSN in het eigen veld in.");
            RuleFor(x => x.Patient.Bsn).Must(b => CareIdentifiers.IsBsn(Digits(b)))
                .When(x => x.Patient is not null && !string.IsNullOrWhiteSpace(x.Patient.Bsn))
                .WithMessage("Dit BSN klopt niet (de elfproef faalt). Controleer de negen cijfers.");
            RuleFor(x => x.ConsentRecorded).Equal(true).WithMessage("Leg vast dat de patiënt toestemming gaf voor deze verwijzing.");
            RuleFor(x => x.Reason).NotEmpty().WithMessage("Schrijf de reden van verwijzing.")
                .MaximumLength(MaxTextLength).WithMessage($"De reden mag hoogstens {MaxTextLength} tekens lang zijn.");
            RuleForEach(x => x.Content).Must(c => (c.Value ?? "").Length <= MaxTextLength).When(x => x.Content is not null)
                .WithMessage($"Elk onderdeel mag hoogstens {MaxTextLength} tekens lang zijn.");
        }
    }

    /// <summary>A BSN as written ("1234.56.782", "1234 56 782") as its nine digits.</summary>
    public static string? Digits(string? bsn) =>
        string.IsNullOrWhiteSpace(bsn) ? null : bsn.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
}

/// <summary>What the portal calls each content item, and what it says when a required one is missing.</summary>
public static class ReferralContentText
{
    public static string Label(ReferralContentItem item) => item switch
    {
        ReferralContentItem.Reason => "Reden van verwijzing",
        ReferralContentItem.FractureHistory => "Fractuurgeschiedenis",
        ReferralContentItem.DexaResult => "DEXA-uitslag",
        ReferralContentItem.CurrentMedication => "Huidige medicatie",
        ReferralContentItem.Glucocorticoids => "Glucocorticoïdgebruik",
        ReferralContentItem.LabValues => "Laboratoriumwaarden",
        ReferralContentItem.FallsHistory => "Valgeschiedenis",
        ReferralContentItem.Comorbidity => "Comorbiditeit",
        _ => item.ToString(),
    };

    public static string Missing(ReferralContentItem item) =>
        $"Vul de {(item == ReferralContentItem.DexaResult ? "DEXA-uitslag" : Label(item).ToLowerInvariant())} in; de verwijsafspraak vraagt erom.";

    /// <summary>The field a content item's error is reported on: <c>content.DexaResult</c>, as the request's JSON names it.</summary>
    public static string Field(ReferralContentItem item) => $"content.{item}";
}

public static class MakeReferralEndpoint
{
    public const string IdempotencyHeader = IdempotencyKeys.Header;

    public const string NoAgreement = "Uw praktijk heeft nog geen verwijsafspraak met dit ziekenhuis.";

    /// <summary>A retry with the same Idempotency-Key returns the first result (per practice).</summary>
    public sealed record IdempotentReferral(string Id, Guid ReferralId);

    /// <summary>An Idempotency-Key too long to keep is refused before anything is decided.</summary>
    public static ProblemDetails Validate(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return IdempotencyKeys.Check(http.Request);
    }

    [WolverinePost("/api/referrals"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Refer a patient to a hospital under your practice's referral agreement (Idempotency-Key: a retry returns the first result)")]
    public static async Task<Results<Created<ReferralView>, Ok<ReferralView>, ProblemHttpResult>> Post(
        MakeReferral request,
        HttpContext http,
        IDocumentSession session,
        PatientPseudonyms pseudonyms,
        IAccessLog accessLog,
        IMessageBus bus,
        TimeProvider clock,
        CancellationToken ct)
    {
        var user = CareUser.From(http.User)!;
        var now = clock.GetUtcNow();
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        var idempotencyId = string.IsNullOrWhiteSpace(key) ? null : $"{user.OrganisationId:N}:{key.Trim()}";
        if (idempotencyId is not null && await session.LoadAsync<IdempotentReferral>(idempotencyId, ct).ConfigureAwait(false) is { } earlier
            && await session.LoadAsync<HospitalReferral>(earlier.ReferralId, ct).ConfigureAwait(false) is { } first)
        {
            await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Read, first.PatientReference, VisibleReferrals.Resource, first.Id.ToString()), ct).ConfigureAwait(false);
            return TypedResults.Ok(await VisibleReferrals.ViewAsync(first, user, session, now, ct).ConfigureAwait(false));
        }

        var (made, problem) = await MakeAsync(request, user, session, pseudonyms, bus, now, ct).ConfigureAwait(false);
        if (made is null)
        {
            return TypedResults.Problem(problem!);
        }

        if (idempotencyId is not null)
        {
            session.Store(new IdempotentReferral(idempotencyId, made.ReferralId));
        }

        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Create, made.Patient.PatientReference, VisibleReferrals.Resource, made.ReferralId.ToString()), ct).ConfigureAwait(false);
        var referral = HospitalReferral.Start(made);
        return TypedResults.Created($"/api/referrals/{made.ReferralId}", ReferralView.Of(referral, [ReferralTimeline.Step(1, made)!], null, now));
    }

    /// <summary>
    /// Loads what the decision needs (the proposal, the joined agreement), decides, and on success starts
    /// the stream, marks the proposal used and applies the effects. For the API and the portal alike; the
    /// caller's transaction stores it all.
    /// </summary>
    public static async Task<(ReferralMade? Made, ProblemDetails? Problem)> MakeAsync(
        MakeReferral request, CareUser user, IDocumentSession session, PatientPseudonyms pseudonyms, IMessageBus bus, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        var proposal = request.ProposalId is { } proposalId ? await session.LoadAsync<ReferralProposal>(proposalId, ct).ConfigureAwait(false) : null;
        var hospitalId = proposal?.HospitalId ?? request.HospitalId ?? Guid.Empty;
        var agreement = await session.LoadAsync<JoinedAgreement>(JoinedAgreement.IdOf(user.OrganisationId, hospitalId), ct).ConfigureAwait(false);
        var (made, problem) = Decide(Guid.CreateVersion7(), request, user, agreement, proposal, pseudonyms, now);
        if (made is null)
        {
            return (null, problem);
        }

        session.Events.StartStream<HospitalReferral>(made.ReferralId, made);
        if (proposal is not null)
        {
            session.Store(proposal with { UsedByReferralId = made.ReferralId });
        }

        await ReferralEffects.ApplyAsync(session, bus, made, HospitalReferral.Start(made), now).ConfigureAwait(false);
        return (made, null);
    }

    /// <summary>
    /// The decision: the referral as made, or why not. The proposal must be the practice's, unused, and
    /// about the same patient; the practice must have joined an agreement with the hospital; every
    /// content item that agreement requires must be filled in (the reason counts as the Reason item).
    /// </summary>
    public static (ReferralMade? Made, ProblemDetails? Problem) Decide(
        Guid referralId, MakeReferral request, CareUser user, JoinedAgreement? agreement, ReferralProposal? proposal, PatientPseudonyms pseudonyms, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        var patientReference = pseudonyms.For(user.OrganisationId, request.Patient.PracticePatientReference);
        if (request.ProposalId is not null)
        {
            if (proposal is null || proposal.PracticeId != user.OrganisationId)
            {
                return Invalid("proposalId", "Dit verwijsvoorstel bestaat niet, of is niet voor uw praktijk.");
            }

            if (proposal.UsedByReferralId is not null)
            {
                return (null, Problem.Conflict("Van dit verwijsvoorstel is al een verwijzing gemaakt."));
            }

            if (request.HospitalId is { } asked && asked != Guid.Empty && asked != proposal.HospitalId)
            {
                return Invalid("hospitalId", $"Het verwijsvoorstel is voor {proposal.HospitalName}; verwijs daarheen of maak een nieuwe verwijzing zonder voorstel.");
            }

            if (patientReference != proposal.PatientReference)
            {
                return Invalid("patient.practicePatientReference", "Dit patiëntnummer hoort niet bij de patiënt van het verwijsvoorstel. Controleer het nummer.");
            }
        }

        if (agreement is null)
        {
            return (null, Problem.Conflict(NoAgreement));
        }

        var given = (request.Content ?? new Dictionary<ReferralContentItem, string>())
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value.Trim());
        var missing = agreement.Terms.RequiredReferralContent
            .Where(item => item != ReferralContentItem.Reason && !given.ContainsKey(item))
            .Order()
            .ToDictionary(ReferralContentText.Field, item => new[] { ReferralContentText.Missing(item) });
        if (missing.Count > 0)
        {
            return (null, Problem.Invalid(missing, "De verwijsafspraak vraagt om meer gegevens."));
        }

        var target = request.Target ?? TargetFor(proposal!.Specialty);
        return (new ReferralMade(
            referralId,
            user.OrganisationId,
            user.OrganisationName,
            user.ResponsibleUserId,
            user.ResponsibleUserName,
            user.UserId,
            user.Name,
            agreement.HospitalId,
            agreement.Terms.HospitalName,
            target,
            request.PatientGroup,
            new ReferredPatient(patientReference, request.Patient.DateOfBirth, request.Patient.Sex, request.Patient.PracticePatientReference.Trim(), MakeReferral.Digits(request.Patient.Bsn)),
            now,
            request.Reason.Trim(),
            given.OrderBy(c => c.Key).Select(c => new ReferralContent(c.Key, c.Value)).ToList(),
            agreement.Terms.AgreementId,
            agreement.Terms.Version,
            proposal?.Id,
            now), null);
    }

    /// <summary>Where an advised referral goes unless the GP chooses otherwise: the specialty that advised it.</summary>
    public static ReferralTarget TargetFor(Specialty specialty) =>
        specialty == Specialty.Rheumatology ? ReferralTarget.Rheumatologist : ReferralTarget.Internist;

    private static (ReferralMade?, ProblemDetails?) Invalid(string field, string message) =>
        (null, Problem.Invalid(new Dictionary<string, string[]> { [field] = [message] }));
}
