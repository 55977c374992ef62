using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.BuildingBlocks.Notifications;
using Schakel.BuildingBlocks.Problems;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Referral.FallsPrevention;

/// <summary>A GP (or a practice nurse for her GP) refers a patient to a falls-prevention location of the social map.</summary>
public sealed record ReferToFallsPrevention(Guid LocationId, string PracticePatientReference, bool ConsentRecorded, string Programme, string? Remarks)
{
    public sealed class Validator : AbstractValidator<ReferToFallsPrevention>
    {
        public Validator()
        {
            RuleFor(x => x.LocationId).NotEmpty().WithMessage("Kies de praktijk voor valpreventie.");
            RuleFor(x => x.PracticePatientReference)
                .NotEmpty().WithMessage("Vul het patiëntnummer van de praktijk in (hoogstens 64 tekens).")
                .MaximumLength(64).WithMessage("Vul het patiëntnummer van de praktijk in (hoogstens 64 tekens).");
            RuleFor(x => x.PracticePatientReference).Must(r => !CareIdentifiers.ContainsBsn(r)).When(x => !string.IsNullOrEmpty(x.PracticePatientReference))
                .WithMessage("Gebruik als patiëntnummer niet het BSN.");
            RuleFor(x => x.ConsentRecorded).Equal(true).WithMessage("Leg vast dat de patiënt toestemming gaf voor de verwijzing.");
            RuleFor(x => x.Programme)
                .NotEmpty().WithMessage("Kies het programma of de behandeling.")
                .MaximumLength(200).WithMessage("Hoogstens 200 tekens.");
            RuleFor(x => x.Remarks).MaximumLength(2000).WithMessage("Hoogstens 2000 tekens.");
        }
    }
}

/// <summary>A falls-prevention referral as the practice sees it.</summary>
public sealed record FallsPreventionView(
    Guid Id, FallsPreventionStatus Status, string LocationName, string Programme, string? Remarks, string PracticePatientReference, string PatientReference,
    string MadeByName, DateTimeOffset MadeAt, FallsPreventionIntakeConfirmed? Intake, FallsPreventionTreatmentEnded? Report)
{
    public static FallsPreventionView Of(FallsPreventionReferral r) => new(
        r.Id, r.Status, r.LocationName, r.Programme, r.Remarks, r.PracticePatientReference, r.PatientReference, r.MadeByName, r.MadeAt, r.Intake, r.Report);
}

public static class FallsPreventionReferrals
{
    public const string Resource = "referral.falls-prevention";
    public const string NotVisible = "Deze verwijzing bestaat niet, of u mag haar niet zien.";

    /// <summary>The referral as made, the e-mail to the location and the contract message; the caller's transaction stores and sends them.</summary>
    public static async Task<(FallsPreventionReferral? Made, ProblemDetails? Problem)> MakeAsync(
        ReferToFallsPrevention request, CareUser user, Uri portal, IDocumentSession session, PatientPseudonyms pseudonyms, IAccessLog accessLog, IMessageBus bus,
        TherapistLinks links, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        if (await session.LoadAsync<FallsPreventionProvider>(request.LocationId, ct).ConfigureAwait(false) is not { IsRetired: false } location)
        {
            return (null, Problem.Invalid(new Dictionary<string, string[]> { ["locationId"] = ["Deze praktijk staat niet (meer) op de sociale kaart."] }));
        }

        if (string.IsNullOrWhiteSpace(location.Email))
        {
            return (null, Problem.Conflict("Deze praktijk heeft geen e-mailadres op de sociale kaart; verwijs haar op een andere manier."));
        }

        var id = Guid.CreateVersion7();
        var (linkId, token) = links.Issue(id, TherapistLinkStage.Intake);
        var made = new FallsPreventionReferralMade(
            id, user.OrganisationId, user.OrganisationName, user.ResponsibleUserId, user.ResponsibleUserName, user.UserId, user.Name, location.Id, location.PracticeName,
            pseudonyms.For(user.OrganisationId, request.PracticePatientReference), request.PracticePatientReference.Trim(), request.Programme.Trim(),
            string.IsNullOrWhiteSpace(request.Remarks) ? null : request.Remarks.Trim(), linkId, clock.GetUtcNow());
        session.Events.StartStream<FallsPreventionReferral>(id, made);
        var referral = FallsPreventionReferral.Start(made);
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Create, made.PatientReference, Resource, id.ToString()), ct).ConfigureAwait(false);
        await bus.PublishAsync(new SendEmail(Mail(location.Email, location.PracticeName, made.PracticeName, made.Programme, new Uri(portal, TherapistLinks.Path + token), intake: true))).ConfigureAwait(false);
        await bus.PublishAsync(FallsPreventionEffects.Message(made, referral)).ConfigureAwait(false);
        return (referral, null);
    }

    /// <summary>The e-mail to the therapist's practice: who referred, for what, and the link. Never who the patient is.</summary>
    public static EmailMessage Mail(string to, string location, string practice, string programme, Uri link, bool intake)
    {
        var what = intake ? "Bevestig de intake via deze link" : "Meld het einde van de behandeling met een kort verslag via deze link";
        var text = $"Beste collega van {location},\n\n{practice} heeft een patiënt naar u verwezen voor valpreventie ({programme}). "
            + "De praktijk geeft u de gegevens van de patiënt zelf door; deze e-mail bevat ze niet.\n\n"
            + $"{what} (zonder account, de link werkt één keer):\n{link.AbsoluteUri}\n\nMet vriendelijke groet,\nSchakel";
        var html = $"<p>Beste collega van {System.Net.WebUtility.HtmlEncode(location)},</p><p>{System.Net.WebUtility.HtmlEncode(practice)} heeft een patiënt naar u verwezen voor valpreventie ({System.Net.WebUtility.HtmlEncode(programme)}). "
            + "De praktijk geeft u de gegevens van de patiënt zelf door; deze e-mail bevat ze niet.</p>"
            + $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(link.AbsoluteUri)}\">{what}</a> (zonder account, de link werkt één keer).</p><p>Met vriendelijke groet,<br>Schakel</p>";
        return new EmailMessage(to, location, intake ? "Verwijzing voor valpreventie: bevestig de intake" : "Valpreventie: meld het einde van de behandeling", text, html);
    }

    public static Uri PortalOf(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");
}

public static class FallsPreventionEndpoints
{
    [WolverinePost("/api/referral/falls-prevention"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("Refer a patient to a falls-prevention location of the social map; its therapists confirm intake and report by a signed e-mailed link")]
    public static async Task<Results<Created<FallsPreventionView>, ProblemHttpResult>> Post(
        ReferToFallsPrevention request, HttpContext http, IDocumentSession session, PatientPseudonyms pseudonyms, IAccessLog accessLog, IMessageBus bus,
        TherapistLinks links, TimeProvider clock, CancellationToken ct)
    {
        var (made, problem) = await FallsPreventionReferrals.MakeAsync(
            request, CareUser.From(http.User)!, FallsPreventionReferrals.PortalOf(http.Request), session, pseudonyms, accessLog, bus, links, clock, ct).ConfigureAwait(false);
        return made is null ? TypedResults.Problem(problem!) : TypedResults.Created($"/api/referral/falls-prevention/{made.Id}", FallsPreventionView.Of(made));
    }

    [WolverineGet("/api/referral/falls-prevention"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("The practice's falls-prevention referrals, newest first")]
    public static async Task<IReadOnlyList<FallsPreventionView>> List(HttpContext http, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        var practice = CareUser.From(http.User)!.OrganisationId;
        var referrals = await session.Query<FallsPreventionReferral>().Where(r => r.PracticeId == practice).OrderByDescending(r => r.MadeAt).ToListAsync(ct).ConfigureAwait(false);
        await accessLog.RecordListAsync(referrals.Select(r => r.PatientReference), FallsPreventionReferrals.Resource, ct).ConfigureAwait(false);

        return referrals.Select(FallsPreventionView.Of).ToList();
    }

    [WolverineGet("/api/referral/falls-prevention/{id:guid}"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("One falls-prevention referral with the therapist's intake and report (404 for other practices)")]
    public static async Task<Results<Ok<FallsPreventionView>, ProblemHttpResult>> Get(Guid id, HttpContext http, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        var referral = await session.LoadAsync<FallsPreventionReferral>(id, ct).ConfigureAwait(false);
        var user = CareUser.From(http.User)!;
        if (referral is null)
        {
            return TypedResults.Problem(Problem.NotFound(FallsPreventionReferrals.NotVisible));
        }

        var allowed = referral.MaySee(user);
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Read, referral.PatientReference, FallsPreventionReferrals.Resource, id.ToString(),
            allowed ? AccessOutcome.Allowed : AccessOutcome.Denied), ct).ConfigureAwait(false);
        return allowed ? TypedResults.Ok(FallsPreventionView.Of(referral)) : TypedResults.Problem(Problem.NotFound(FallsPreventionReferrals.NotVisible));
    }
}
