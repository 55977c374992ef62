using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;

namespace Schakel.Referral.Pages.FollowUp;

/// <summary>The practice adds a patient of group 2, 3 or 5 to its follow-up programme.</summary>
[Authorize(Policy = SchakelPolicies.GpSide)]
public sealed class EnrolModel(IDocumentSession session, PatientPseudonyms pseudonyms, IAccessLog accessLog, Wolverine.Marten.IMartenOutbox outbox, TimeProvider clock) : PageModel
{
    public IReadOnlyList<JoinedAgreement> Agreements { get; private set; } = [];

    [BindProperty]
    public Guid HospitalId { get; set; }

    [BindProperty]
    public string? PracticePatientReference { get; set; }

    [BindProperty]
    public PatientGroup Group { get; set; } = PatientGroup.KnownOsteoporosisTreatedByGp;

    [BindProperty]
    public string? Drug { get; set; }

    [BindProperty]
    public string? Dose { get; set; }

    [BindProperty]
    public DateOnly? TreatmentStart { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new EnrolPatient(HospitalId, PracticePatientReference ?? "", Group, Drug ?? "", Dose, TreatmentStart ?? default);
        foreach (var error in new EnrolPatient.Validator(clock).Validate(request).Errors)
        {
            ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        if (ModelState.IsValid)
        {
            // Enrolled before the change: the contract message leaves only once the follow-up is stored.
            outbox.Enroll(session);
            var (started, problem) = await EnrolPatientEndpoint.EnrolAsync(request, CareUser.From(User)!, session, pseudonyms, accessLog, outbox, clock, ct);
            if (started is not null)
            {
                await session.SaveChangesAsync(ct);
                return Redirect($"/opvolging/{started.Id}");
            }

            ModelState.AddModelError("", problem?.Detail ?? "Dit kan nu niet.");
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var practice = CareUser.From(User)!.OrganisationId;
        Agreements = await session.Query<JoinedAgreement>().Where(a => a.PracticeId == practice).ToListAsync(ct);
    }
}
