using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.FallsPrevention;

namespace Schakel.Referral.Pages.FallsPrevention;

/// <summary>The GP refers a patient to a falls-prevention location (<c>?locatie={id}</c> preselects one).</summary>
[Authorize(Policy = SchakelPolicies.GpSide)]
public sealed class NewModel(
    IDocumentSession session, PatientPseudonyms pseudonyms, IAccessLog accessLog, Wolverine.Marten.IMartenOutbox outbox, TherapistLinks links, TimeProvider clock) : PageModel
{
    public IReadOnlyList<FallsPreventionProvider> Locations { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "locatie")]
    public Guid? LocationId { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public bool Consent { get; set; }

    [BindProperty]
    public string? Programme { get; set; }

    [BindProperty]
    public string? Remarks { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var request = new ReferToFallsPrevention(LocationId ?? Guid.Empty, Reference ?? "", Consent, Programme ?? "", Remarks);
        foreach (var error in new ReferToFallsPrevention.Validator().Validate(request).Errors)
        {
            ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        outbox.Enroll(session);
        var (made, problem) = await FallsPreventionReferrals.MakeAsync(
            request, CareUser.From(User)!, FallsPreventionReferrals.PortalOf(Request), session, pseudonyms, accessLog, outbox, links, clock, ct);
        if (made is null)
        {
            ModelState.AddModelError("", problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails v ? string.Join(" ", v.Errors.SelectMany(e => e.Value)) : problem?.Detail ?? "Dit kan nu niet.");
            return Page();
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/valpreventie/{made.Id}");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Locations = (await session.Query<FallsPreventionProvider>().Where(l => l.RetiredAt == null).ToListAsync(ct)).OrderBy(l => l.City, StringComparer.CurrentCulture).ThenBy(l => l.PracticeName, StringComparer.CurrentCulture).ToList();
}
