using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Portal;
using Schakel.Referral.Referrals;

namespace Schakel.Referral.Pages.Referrals;

/// <summary>
/// One referral with its timeline, for the referring practice and the receiving hospital (anyone else
/// gets the not-found page); the hospital's steps run the API's decisions.
/// </summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class DetailModel(IDocumentSession session, IAccessLog accessLog, TimeProvider clock, Wolverine.Marten.IMartenOutbox outbox) : PageModel
{
    public ReferralView Referral { get; private set; } = null!;

    public CareUser Me { get; private set; } = null!;

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Channel { get; set; }

    [BindProperty]
    public DateTime? When { get; set; }

    [BindProperty]
    public string? Where { get; set; }

    [BindProperty]
    public BackReferralForm Back { get; set; } = new();

    [BindProperty]
    public PatientContactForm Contact { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await Load(id, ct) ? Page() : NotFound();

    /// <summary>The hospital refers the patient back; the practice's follow-up plan starts with it.</summary>
    public async Task<IActionResult> OnPostBackReferAsync(Guid id, CancellationToken ct)
    {
        Me = CareUser.From(User)!;
        var request = Back.ToRequest();
        foreach (var error in new BackReferPatient.Validator(clock).Validate(request).Errors)
        {
            ModelState.AddModelError($"{nameof(Back)}.{error.PropertyName}", error.ErrorMessage);
        }

        if (ModelState.IsValid)
        {
            outbox.Enroll(session);
            var (changed, problem) = await BackReferPatientEndpoint.BackReferAsync(id, request, Me, new(session, accessLog, outbox, clock), ct);
            if (changed is not null)
            {
                await session.SaveChangesAsync(ct);
                return Redirect($"/verwijzingen/{id}");
            }

            if (problem?.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("", problem?.Detail ?? "Dit kan nu niet.");
        }

        return await Load(id, ct) ? Page() : NotFound();
    }

    /// <summary>The practice records its contact with the patient who did not respond (the safety net's task).</summary>
    public async Task<IActionResult> OnPostPatientContactAsync(Guid id, CancellationToken ct)
    {
        Me = CareUser.From(User)!;
        var request = Contact.ToRequest();
        foreach (var error in new RecordPatientContact.Validator().Validate(request).Errors)
        {
            ModelState.AddModelError($"{nameof(Contact)}.{error.PropertyName}", error.ErrorMessage);
        }

        if (ModelState.IsValid)
        {
            // Enrolled before the change: what follows from it is sent only once it is stored.
            outbox.Enroll(session);
            var (changed, _, problem) = await RecordPatientContactEndpoint.RecordAsync(id, request, Me, new(session, accessLog, outbox, clock), ct);
            if (changed is not null)
            {
                await session.SaveChangesAsync(ct);
                return Redirect($"/verwijzingen/{id}");
            }

            if (problem?.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("", problem?.Detail ?? "Dit kan nu niet.");
        }

        return await Load(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        Change(id, (r, u) => AcceptReferralEndpoint.Decide(r, u, clock.GetUtcNow()), ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct) =>
        Change(id, (r, u) => DeclineReferralEndpoint.Decide(r, u, new DeclineReferral(Text ?? ""), clock.GetUtcNow()), ct, needs: (Text, nameof(Text), "Schrijf waarom u de verwijzing afwijst."));

    public Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct) =>
        Change(id, (r, u) => RecordInvitationEndpoint.Decide(r, u, new RecordInvitation(Channel ?? ""), clock.GetUtcNow()), ct, needs: (Channel, nameof(Channel), "Vul in hoe u de patiënt uitnodigde."));

    public Task<IActionResult> OnPostAppointmentAsync(Guid id, CancellationToken ct)
    {
        if (When is null)
        {
            ModelState.AddModelError(nameof(When), "Vul de datum en tijd van de afspraak in.");
        }

        var when = When is { } local ? new DateTimeOffset(local, DutchTime.Zone.GetUtcOffset(local)) : default;
        return Change(id, (r, u) => ScheduleAppointmentEndpoint.Decide(r, u, new ScheduleAppointment(when, Where ?? ""), clock.GetUtcNow()), ct, needs: (Where, nameof(Where), "Vul in waar de afspraak is."));
    }

    public Task<IActionResult> OnPostNoResponseAsync(Guid id, CancellationToken ct) =>
        Change(id, (r, u) => RecordNoResponseEndpoint.Decide(r, u, clock.GetUtcNow()), ct);

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct) =>
        Change(id, (r, u) => CompleteReferralEndpoint.Decide(r, u, new CompleteReferral(Text ?? ""), clock.GetUtcNow()), ct, needs: (Text, nameof(Text), "Schrijf een korte samenvatting voor de huisarts."));

    private async Task<IActionResult> Change(
        Guid id, Func<HospitalReferral, CareUser, (object?, ProblemDetails?)> decide, CancellationToken ct, (string? Value, string Field, string Message)? needs = null)
    {
        Me = CareUser.From(User)!;
        if (needs is { } required && string.IsNullOrWhiteSpace(required.Value))
        {
            ModelState.AddModelError(required.Field, required.Message);
        }

        if (!ModelState.IsValid)
        {
            return await Load(id, ct) ? Page() : NotFound();
        }

        // Enrolled before the change: what follows from it is sent only once it is stored.
        outbox.Enroll(session);
        var (changed, problem) = await ReferralCommands.TryChangeAsync(id, Me, new(session, accessLog, outbox, clock), decide, ct);
        if (changed is null)
        {
            if (problem?.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("", problem?.Detail ?? "Dit kan nu niet.");
            return await Load(id, ct) ? Page() : NotFound();
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/verwijzingen/{id}");
    }

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        Me = CareUser.From(User)!;
        var referral = await VisibleReferrals.LoadAsync(id, Me, session, accessLog, ct);
        if (referral is null)
        {
            return false;
        }

        Referral = await VisibleReferrals.ViewAsync(referral, Me, session, clock.GetUtcNow(), ct);
        return true;
    }
}

/// <summary>The back-referral form as the browser sends it.</summary>
public sealed class BackReferralForm
{
    public decimal? LumbarSpine { get; set; }

    public decimal? FemoralNeck { get; set; }

    public decimal? TotalHip { get; set; }

    public DateOnly? DexaOn { get; set; }

    public int? VfaGenantGrade { get; set; }

    public string? Lab { get; set; }

    public string? Drug { get; set; }

    public string? Dose { get; set; }

    public DateOnly? TreatmentStart { get; set; }

    public string? Remarks { get; set; }

    public BackReferPatient ToRequest() => new(
        LumbarSpine is null && FemoralNeck is null && TotalHip is null ? null : new DexaFindings(LumbarSpine, FemoralNeck, TotalHip, DexaOn),
        VfaGenantGrade, Lab, Drug ?? "", Dose, TreatmentStart ?? default, Remarks);
}

/// <summary>The practice's contact with a patient who did not respond, as the browser sends it.</summary>
public sealed class PatientContactForm
{
    public PatientContactOutcome? Outcome { get; set; }

    public string? Note { get; set; }

    public RecordPatientContact ToRequest() => new(Outcome ?? default, Note);
}
