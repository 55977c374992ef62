using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;

namespace Schakel.Referral.Pages.Agreements;

/// <summary>
/// The coordinator writes an agreement: a new one (<c>/afspraken/nieuw</c>) or the next version of
/// one (<c>?van={id}</c>, filled in from its latest version). The same rules as the API.
/// </summary>
[Authorize(Policy = SchakelPolicies.Coordinator)]
public sealed class WriteModel(IDocumentSession session, ICareDirectory directory, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "van")]
    public Guid? AgreementId { get; set; }

    public Agreement? Existing { get; private set; }

    public IReadOnlyList<CareOrganisation> Hospitals { get; private set; } = [];

    [BindProperty]
    public Guid HospitalId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Scope { get; set; }

    [BindProperty]
    public Dictionary<PatientGroup, string?> Criteria { get; set; } = [];

    [BindProperty]
    public List<ReferralContentItem> Required { get; set; } = [];

    [BindProperty]
    public string? HandBackWhen { get; set; }

    [BindProperty]
    public string? LetterContent { get; set; }

    [BindProperty]
    public string? CheckMonths { get; set; }

    [BindProperty]
    public int EvaluationAfterMonths { get; set; } = FollowUpSchedule.Default.EvaluationAfterMonths;

    [BindProperty]
    public bool RepeatDexa { get; set; } = true;

    [BindProperty]
    public int HeightEveryMonths { get; set; } = FollowUpSchedule.Default.HeightEveryMonths;

    [BindProperty]
    public List<ReReferralCriterion> ReReferral { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var content = Existing is { } a ? a.Versions[^1].Content : AgreementsSeeding.RegionalDefault;
        Scope = content.Scope;
        Criteria = content.ReferralCriteria.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        Required = [.. content.RequiredReferralContent];
        HandBackWhen = content.HandBackWhen;
        LetterContent = content.BackReferralLetterContent;
        CheckMonths = string.Join(", ", content.Schedule.AdherenceCheckMonths);
        EvaluationAfterMonths = content.Schedule.EvaluationAfterMonths;
        RepeatDexa = content.Schedule.RepeatDexaAtEvaluation;
        HeightEveryMonths = content.Schedule.HeightEveryMonths;
        ReReferral = [.. content.ReReferralCriteria];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var months = (CheckMonths ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(m => int.TryParse(m, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        var content = new AgreementContent(
            Scope ?? "", Criteria.Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToDictionary(c => c.Key, c => c.Value!.Trim()), Required.Distinct().ToList(),
            HandBackWhen ?? "", LetterContent ?? "", new FollowUpSchedule(months, EvaluationAfterMonths, RepeatDexa, HeightEveryMonths), ReReferral.Distinct().ToList());
        var user = CareUser.From(User)!;
        var now = clock.GetUtcNow();
        var errors = Existing is null
            ? new DraftAgreement.Validator().Validate(new DraftAgreement(HospitalId, HospitalName, Title ?? "", content)).Errors
            : new DraftAgreementVersion.Validator().Validate(new DraftAgreementVersion(content)).Errors;
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.PropertyName.Replace("Content.", "", StringComparison.Ordinal), error.ErrorMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Guid id;
        if (Existing is { } existing)
        {
            var (changed, problem) = await AgreementCommands.ChangeAsync(existing.Id, user, session, a => AgreementRules.DraftVersion(a, content, user, now), now, ct);
            if (changed is null)
            {
                ModelState.AddModelError("", problem?.Detail ?? "Dit kan nu niet.");
                return Page();
            }

            id = changed.Id;
        }
        else
        {
            var drafted = new AgreementDrafted(Guid.CreateVersion7(), HospitalId, HospitalName, Title!.Trim(), content, user.UserId, user.Name, now);
            session.Events.StartStream<Agreement>(drafted.AgreementId, drafted);
            id = drafted.AgreementId;
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/afspraken/{id}");
    }

    /// <summary>The chosen hospital's name, from the directory (empty when none is chosen).</summary>
    private string HospitalName => Hospitals.FirstOrDefault(h => h.Id == HospitalId)?.Name ?? "";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Hospitals = await directory.HospitalsAsync(ct);
        if (AgreementId is not { } id)
        {
            return true;
        }

        Existing = await session.LoadAsync<Agreement>(id, ct);
        return Existing is not null;
    }
}
