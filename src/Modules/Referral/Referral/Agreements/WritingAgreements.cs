using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.Referral.Agreements;

/// <summary>The shape of an agreement's content, checked at the edge (Dutch messages per field).</summary>
public sealed class AgreementContentValidator : AbstractValidator<AgreementContent>
{
    public const int MaxText = 4000;

    public AgreementContentValidator()
    {
        RuleFor(x => x.Scope).NotEmpty().WithMessage("Beschrijf voor wie en waarvoor de afspraak geldt.").MaximumLength(MaxText).WithMessage($"Hoogstens {MaxText} tekens.");
        RuleFor(x => x.HandBackWhen).NotEmpty().WithMessage("Beschrijf wanneer het ziekenhuis de patiënt terugverwijst.").MaximumLength(MaxText).WithMessage($"Hoogstens {MaxText} tekens.");
        RuleFor(x => x.BackReferralLetterContent).NotEmpty().WithMessage("Beschrijf wat de terugrapportage bevat.").MaximumLength(MaxText).WithMessage($"Hoogstens {MaxText} tekens.");
        RuleFor(x => x.ReferralCriteria).NotNull().WithMessage("Geef per patiëntgroep de verwijscriteria.")
            .Must(c => c is null || c.Values.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= MaxText)).WithMessage("Vul elk verwijscriterium in (hoogstens 4000 tekens).");
        RuleFor(x => x.RequiredReferralContent).NotNull().WithMessage("Geef aan wat een verwijzing moet bevatten.");
        RuleFor(x => x.ReReferralCriteria).NotEmpty().WithMessage("Kies ten minste één criterium om terug te verwijzen naar het ziekenhuis.");
        RuleFor(x => x.Schedule).NotNull().WithMessage("Geef het opvolgschema.");
        RuleFor(x => x.Schedule.EvaluationAfterMonths).InclusiveBetween(12, 120).When(x => x.Schedule is not null)
            .WithMessage("De evaluatie valt tussen 1 en 10 jaar (12 tot 120 maanden) na de start.");
        RuleFor(x => x.Schedule.HeightEveryMonths).InclusiveBetween(6, 60).When(x => x.Schedule is not null)
            .WithMessage("Lengte meten: elke 6 tot 60 maanden.");
        RuleFor(x => x.Schedule.AdherenceCheckMonths)
            .Must((c, months) => months is { Count: > 0 } && months.All(m => m > 0 && m < c.Schedule.EvaluationAfterMonths) && months.Zip(months.Skip(1)).All(p => p.First < p.Second))
            .When(x => x.Schedule is not null)
            .WithMessage("Controles: oplopende aantallen maanden na de start, alle vóór de evaluatie.");
    }
}

/// <summary>The coordinator writes a new regional agreement between a hospital and the practices (version 1, a draft).</summary>
public sealed record DraftAgreement(Guid HospitalId, string HospitalName, string Title, AgreementContent Content)
{
    public sealed class Validator : AbstractValidator<DraftAgreement>
    {
        public Validator()
        {
            RuleFor(x => x.HospitalId).NotEmpty().WithMessage("Kies het ziekenhuis.");
            RuleFor(x => x.HospitalName).NotEmpty().WithMessage("Vul de naam van het ziekenhuis in.").MaximumLength(200).WithMessage("Hoogstens 200 tekens.");
            RuleFor(x => x.Title).NotEmpty().WithMessage("Geef de afspraak een titel.").MaximumLength(200).WithMessage("Hoogstens 200 tekens.");
            RuleFor(x => x.Content).NotNull().WithMessage("Vul de inhoud van de afspraak in.").SetValidator(new AgreementContentValidator());
        }
    }
}

/// <summary>The coordinator drafts the next version (from the latest's content, changed).</summary>
public sealed record DraftAgreementVersion(AgreementContent Content)
{
    public sealed class Validator : AbstractValidator<DraftAgreementVersion>
    {
        public Validator() =>
            RuleFor(x => x.Content).NotNull().WithMessage("Vul de inhoud van de versie in.").SetValidator(new AgreementContentValidator());
    }
}

/// <summary>The decisions: pure, so tests call them directly.</summary>
public static class AgreementRules
{
    public static (object?, ProblemDetails?) DraftVersion(Agreement agreement, AgreementContent content, CareUser by, DateTimeOffset now) =>
        agreement.Draft is { } draft
            ? (null, Problem.Conflict($"Versie {draft.Number} is nog een concept; activeer of wijzig die eerst."))
            : (new AgreementVersionDrafted(agreement.Id, agreement.Versions.Max(v => v.Number) + 1, content, by.UserId, by.Name, now), null);

    public static (object?, ProblemDetails?) Activate(Agreement agreement, int version, CareUser by, DateTimeOffset now) =>
        agreement.Versions.FirstOrDefault(v => v.Number == version) switch
        {
            null => (null, Problem.NotFound("Deze versie van de afspraak bestaat niet.")),
            { Status: AgreementVersionStatus.Draft } => (new AgreementVersionActivated(agreement.Id, version, by.UserId, by.Name, now), null),
            { Status: AgreementVersionStatus.Active } => (null, Problem.Conflict("Deze versie is al van kracht.")),
            _ => (null, Problem.Conflict("Een vervangen versie kan niet opnieuw van kracht worden; maak een nieuwe versie.")),
        };

    public static (object?, ProblemDetails?) Join(Agreement agreement, int version, CareUser gp, DateTimeOffset now) =>
        agreement.Versions.FirstOrDefault(v => v.Number == version) switch
        {
            null => (null, Problem.NotFound("Deze versie van de afspraak bestaat niet.")),
            { Status: AgreementVersionStatus.Active } when agreement.Practices.Any(p => p.PracticeId == gp.OrganisationId && p.Version == version) =>
                (null, Problem.Conflict("Uw praktijk neemt al deel aan deze versie.")),
            { Status: AgreementVersionStatus.Active } =>
                (new PracticeJoinedAgreement(agreement.Id, gp.OrganisationId, gp.OrganisationName, version, gp.UserId, gp.Name, now), null),
            _ => (null, Problem.Conflict("U kunt alleen deelnemen aan de versie die van kracht is.")),
        };
}

/// <summary>Load for writing, decide, append; the effects of a join (the practice's terms) in the same transaction.</summary>
public static class AgreementCommands
{
    public const string NotFound = "Deze afspraak bestaat niet.";

    public static async Task<(Agreement? Changed, ProblemDetails? Problem)> ChangeAsync(
        Guid id, CareUser user, IDocumentSession session, Func<Agreement, (object?, ProblemDetails?)> decide, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(decide);
        var stream = await session.Events.FetchForWriting<Agreement>(id, ct).ConfigureAwait(false);
        if (stream.Aggregate is not { } agreement)
        {
            return (null, Problem.NotFound(NotFound));
        }

        var (change, problem) = decide(agreement);
        if (change is null)
        {
            return (null, problem ?? Problem.Conflict("Dit kan nu niet."));
        }

        stream.AppendOne(change);
        var changed = agreement.Then(change);
        if (change is PracticeJoinedAgreement joined)
        {
            session.Store(new JoinedAgreement(JoinedAgreement.IdOf(joined.PracticeId, changed.HospitalId), joined.PracticeId, changed.HospitalId, changed.TermsOf(joined.Version), now));
        }

        return (changed, null);
    }

    public static Results<Ok<AgreementView>, ProblemHttpResult> Answer((Agreement? Changed, ProblemDetails? Problem) result) =>
        result.Changed is { } changed ? TypedResults.Ok(AgreementView.Of(changed)) : TypedResults.Problem(result.Problem!);
}

public static class DraftAgreementEndpoint
{
    [WolverinePost("/api/agreements"), Tags("Afspraken")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Write a new referral and back-referral agreement with a hospital (version 1, a draft)")]
    public static Created<AgreementView> Post(DraftAgreement request, HttpContext http, IDocumentSession session, TimeProvider clock)
    {
        var user = CareUser.From(http.User)!;
        var drafted = new AgreementDrafted(Guid.CreateVersion7(), request.HospitalId, request.HospitalName.Trim(), request.Title.Trim(), request.Content, user.UserId, user.Name, clock.GetUtcNow());
        session.Events.StartStream<Agreement>(drafted.AgreementId, drafted);
        return TypedResults.Created($"/api/agreements/{drafted.AgreementId}", AgreementView.Of(Agreement.Start(drafted)));
    }
}

public static class DraftAgreementVersionEndpoint
{
    [WolverinePost("/api/agreements/{id:guid}/versions"), Tags("Afspraken")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Draft the next version of an agreement (one draft at a time)")]
    public static async Task<Results<Ok<AgreementView>, ProblemHttpResult>> Post(Guid id, DraftAgreementVersion request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        AgreementCommands.Answer(await AgreementCommands.ChangeAsync(
            id, CareUser.From(http.User)!, session, a => AgreementRules.DraftVersion(a, request.Content, CareUser.From(http.User)!, clock.GetUtcNow()), clock.GetUtcNow(), ct).ConfigureAwait(false));
}

public static class ActivateAgreementVersionEndpoint
{
    [WolverinePost("/api/agreements/{id:guid}/versions/{version:int}/activate"), Tags("Afspraken")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Bring a draft version into force; the version in force before is superseded (practices stay on it until they join the new one)")]
    public static async Task<Results<Ok<AgreementView>, ProblemHttpResult>> Post(Guid id, int version, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        AgreementCommands.Answer(await AgreementCommands.ChangeAsync(
            id, CareUser.From(http.User)!, session, a => AgreementRules.Activate(a, version, CareUser.From(http.User)!, clock.GetUtcNow()), clock.GetUtcNow(), ct).ConfigureAwait(false));
}

public static class JoinAgreementEndpoint
{
    [WolverinePost("/api/agreements/{id:guid}/versions/{version:int}/join"), Tags("Afspraken")]
    [Authorize(Policy = SchakelPolicies.GpSide, Roles = SchakelRoles.GeneralPractitioner)]
    [EndpointSummary("A GP joins the version in force for her practice; referrals and follow-up plans then use its terms")]
    public static async Task<Results<Ok<AgreementView>, ProblemHttpResult>> Post(Guid id, int version, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        AgreementCommands.Answer(await AgreementCommands.ChangeAsync(
            id, CareUser.From(http.User)!, session, a => AgreementRules.Join(a, version, CareUser.From(http.User)!, clock.GetUtcNow()), clock.GetUtcNow(), ct).ConfigureAwait(false));
}
