using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.Referral.FallsPrevention;

namespace Schakel.Referral.Pages.FallsPrevention;

/// <summary>
/// The therapist's page behind the e-mailed link (no account): confirm the intake, later report the
/// end of treatment. The link is the only key: tampered (400), expired or used (410) changes nothing.
/// It shows who referred and for what, never who the patient is.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(IDocumentSession session, TherapistLinks links, IAccessLog accessLog, Wolverine.Marten.IMartenOutbox outbox, TimeProvider clock) : PageModel
{
    public FallsPreventionReferral? Referral { get; private set; }

    public TherapistLinkStage? Stage { get; private set; }

    /// <summary>Why the link cannot be used, in Dutch, when it cannot.</summary>
    public string? Refusal { get; private set; }

    public bool Done { get; private set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public string? TherapistName { get; set; }

    [BindProperty]
    public int? Sessions { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public string? Remarks { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var link = await OpenAsync(token, ct);
        if (link is not null)
        {
            await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Read, Referral!.PatientReference, FallsPreventionReferrals.Resource, link.LinkId.ToString()), ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var link = await OpenAsync(token, ct);
        if (link is null)
        {
            return Page();
        }

        if (Date is null)
        {
            ModelState.AddModelError(nameof(Date), "Vul de datum in.");
        }

        if (Stage == TherapistLinkStage.Intake && string.IsNullOrWhiteSpace(TherapistName))
        {
            ModelState.AddModelError(nameof(TherapistName), "Vul uw naam in.");
        }

        if (Stage == TherapistLinkStage.EndOfTreatment)
        {
            if (Sessions is not (>= 0 and <= 200))
            {
                ModelState.AddModelError(nameof(Sessions), "Vul het aantal gevolgde sessies in.");
            }

            if (string.IsNullOrWhiteSpace(Outcome))
            {
                ModelState.AddModelError(nameof(Outcome), "Beschrijf kort het resultaat.");
            }
        }

        foreach (var (field, value) in new[] { (nameof(TherapistName), TherapistName), (nameof(Outcome), Outcome), (nameof(Remarks), Remarks) })
        {
            if (value?.Length > 2000)
            {
                ModelState.AddModelError(field, "Hoogstens 2000 tekens.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var stream = await session.Events.FetchForWriting<FallsPreventionReferral>(link.ReferralId, ct);
        var now = clock.GetUtcNow();
        outbox.Enroll(session);
        if (Stage == TherapistLinkStage.Intake)
        {
            var (endLinkId, endToken) = links.Issue(link.ReferralId, TherapistLinkStage.EndOfTreatment);
            var confirmed = new FallsPreventionIntakeConfirmed(link.ReferralId, link.LinkId, Date!.Value, TherapistName!.Trim(), Trim(Remarks), endLinkId, now);
            stream.AppendOne(confirmed);
            await outbox.PublishAsync(FallsPreventionEffects.Message(confirmed, Referral!.Then(confirmed)));
            if (await session.LoadAsync<FallsPreventionProvider>(Referral!.LocationId, ct) is { Email: { Length: > 0 } email } location)
            {
                await outbox.PublishAsync(new SendEmail(FallsPreventionReferrals.Mail(
                    email, location.PracticeName, Referral.PracticeName, Referral.Programme, new Uri(FallsPreventionReferrals.PortalOf(Request), TherapistLinks.Path + endToken), intake: false)));
            }
        }
        else
        {
            var ended = new FallsPreventionTreatmentEnded(link.ReferralId, link.LinkId, Date!.Value, Sessions!.Value, Outcome!.Trim(), Trim(Remarks), now);
            stream.AppendOne(ended);
            await outbox.PublishAsync(FallsPreventionEffects.Message(ended, Referral!.Then(ended)));
        }

        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Change, Referral!.PatientReference, FallsPreventionReferrals.Resource, link.LinkId.ToString()), ct);
        await session.SaveChangesAsync(ct);
        Done = true;
        return Page();
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The link if it may be used now; otherwise the refusal and its status code are set.</summary>
    private async Task<TherapistLink?> OpenAsync(string token, CancellationToken ct)
    {
        // The token is the key: it must not leak through a referrer, nor stay in a cache.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
        var (link, problem) = links.Read(token);
        if (link is null || problem == TherapistLinkProblem.Invalid)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Deze link is ongeldig. Gebruik de link uit de e-mail precies zoals die is.");
        }

        if (problem == TherapistLinkProblem.Expired)
        {
            return Refuse(StatusCodes.Status410Gone, "Deze link is verlopen; vraag de praktijk om een nieuwe.");
        }

        Referral = await session.LoadAsync<FallsPreventionReferral>(link.ReferralId, ct);
        if (Referral is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Deze link is ongeldig. Gebruik de link uit de e-mail precies zoals die is.");
        }

        Stage = Referral.OpenStageFor(link.LinkId);
        if (Stage != link.Stage)
        {
            Stage = null;
            return Refuse(StatusCodes.Status410Gone, "Deze link is al gebruikt. Dank u wel; de praktijk heeft uw bericht.");
        }

        return link;
    }

    private TherapistLink? Refuse(int status, string why)
    {
        Response.StatusCode = status;
        Refusal = why;
        return null;
    }
}
