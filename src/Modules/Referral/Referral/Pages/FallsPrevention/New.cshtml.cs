using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.FallsPrevention;
using Schakel.SocialMap.Contracts;

namespace Schakel.Referral.Pages.FallsPrevention;

/// <summary>The GP refers a patient to a falls-prevention location (<c>?locatie={id}</c> preselects one).</summary>
[Authorize(Policy = SchakelPolicies.GpSide)]
public sealed class NewModel(
    IDocumentSession session, PatientPseudonyms pseudonyms, IAccessLog accessLog, Wolverine.Marten.IMartenOutbox outbox, TherapistLinks links, TimeProvider clock) : PageModel
{
    public IReadOnlyList<FallsPreventionProvider> Locations { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "locatie")]
    public Guid? LocationId { get; set; }

    /// <summary>The offer the GP searched the social map for (<c>?aanbod=VallenVerledenTijd</c>): it fills in the programme.</summary>
    [FromQuery(Name = "aanbod")]
    public string? Offer { get; set; }

    /// <summary>The location the GP came from (the social map's result), when this module knows it.</summary>
    public FallsPreventionProvider? Chosen => Locations.FirstOrDefault(l => l.Id == LocationId);

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public bool Consent { get; set; }

    [BindProperty]
    public string? Programme { get; set; }

    [BindProperty]
    public string? Remarks { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (string.IsNullOrWhiteSpace(Programme) && ProgrammeOf(Offer) is { } programme)
        {
            Programme = programme;
        }
    }

    /// <summary>The programme's name as the therapist knows it, for an offer named in the address; numbers are not names.</summary>
    public static string? ProgrammeOf(string? offer) =>
        offer is { Length: > 0 } o && !char.IsAsciiDigit(o[0]) && Enum.TryParse<FallsPreventionOffer>(o, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? ProgrammeOf(parsed)
            : null;

    public static string ProgrammeOf(FallsPreventionOffer offer) => offer switch
    {
        FallsPreventionOffer.InBalans => "In Balans",
        FallsPreventionOffer.VallenVerledenTijd => "Vallen Verleden Tijd",
        FallsPreventionOffer.Otago => "Otago-programma",
        FallsPreventionOffer.BalanceAndStrengthTraining => "Balans- en krachttraining",
        FallsPreventionOffer.FearOfFalling => "Programma bij angst om te vallen",
        FallsPreventionOffer.HomeSafetyAssessment => "Woningonderzoek (valveiligheid)",
        _ => offer.ToString(),
    };

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
