using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.Proposals;
using Schakel.Referral.Referrals;

namespace Schakel.Referral.Pages.Referrals;

/// <summary>
/// The GP's referral form: hospitals her practice has an agreement with, the content the agreement
/// requires marked as required, the same validation and decision as the API, Dutch messages next to
/// the fields. <c>?voorstel={questionId}</c> starts from a referral advised in a consultation,
/// <c>?opvolging={followUpId}</c> from a follow-up check that proposed the referral back.
/// </summary>
[Authorize(Policy = SchakelPolicies.GpSide)]
public sealed class NewModel(
    IDocumentSession session,
    IValidator<MakeReferral> validator,
    PatientPseudonyms pseudonyms,
    IAccessLog accessLog,
    Wolverine.Marten.IMartenOutbox outbox,
    TimeProvider clock) : PageModel
{
    public IReadOnlyList<JoinedAgreement> Agreements { get; private set; } = [];

    /// <summary>The advised referral this form starts from, if any.</summary>
    public ReferralProposal? Proposal { get; private set; }

    [BindProperty(SupportsGet = true, Name = "voorstel")]
    public Guid? ProposalId { get; set; }

    [BindProperty(SupportsGet = true, Name = "opvolging")]
    public Guid? FollowUpId { get; set; }

    [BindProperty]
    public Guid? HospitalId { get; set; }

    [BindProperty]
    public ReferralTarget? Target { get; set; }

    [BindProperty]
    public PatientGroup PatientGroup { get; set; } = PatientGroup.CaseFinding;

    [BindProperty]
    public DateOnly? DateOfBirth { get; set; }

    [BindProperty]
    public Sex Sex { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? Bsn { get; set; }

    [BindProperty]
    public bool Consent { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Dictionary<ReferralContentItem, string?> Content { get; set; } = [];

    /// <summary>The content the chosen (or only) hospital's agreement requires.</summary>
    public IReadOnlyCollection<ReferralContentItem> Required =>
        (Agreements.FirstOrDefault(a => a.HospitalId == HospitalId) ?? (Agreements.Count == 1 ? Agreements[0] : null))?.Terms.RequiredReferralContent
        ?? new HashSet<ReferralContentItem>();

    /// <summary>For each content item, the hospitals whose agreement requires it (when the GP has not chosen one yet).</summary>
    public IReadOnlyList<string> RequiredBy(ReferralContentItem item) =>
        Agreements.Where(a => a.Terms.RequiredReferralContent.Contains(item)).Select(a => a.Terms.HospitalName).ToList();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await Load(ct);
        if (Proposal is { } proposal)
        {
            HospitalId = proposal.HospitalId;
            Target = MakeReferralEndpoint.TargetFor(proposal.Specialty);
        }

        if (FollowUpId is { } followUpId
            && await Schakel.Referral.FollowUp.VisibleFollowUps.LoadAsync(followUpId, CareUser.From(User), session, accessLog, ct) is { ProposedReReferral.Count: > 0 } followUp)
        {
            // Back to the hospital whose agreement the plan follows, for the same patient, with why.
            HospitalId = (await session.LoadAsync<Agreement>(followUp.AgreementId, ct))?.HospitalId ?? HospitalId;
            Reference = followUp.PracticePatientReference;
            PatientGroup = followUp.Group;
            Reason = $"Terugverwijzing vanuit de opvolging ({followUp.Drug}): " + string.Join(" ", followUp.ProposedReReferral.Select(r => r.Reason));
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await Load(ct);
        var request = new MakeReferral(
            HospitalId, Target, PatientGroup,
            new MakeReferral.PatientInput(DateOfBirth ?? DateOnly.MinValue, Sex, Reference ?? "", Bsn),
            Consent, Reason ?? "",
            Content.Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToDictionary(c => c.Key, c => c.Value!),
            ProposalId);
        foreach (var error in (await validator.ValidateAsync(request, ct)).Errors)
        {
            ModelState.AddModelError(FieldOf(error.PropertyName), error.ErrorMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        outbox.Enroll(session);
        var (made, problem) = await MakeReferralEndpoint.MakeAsync(request, CareUser.From(User)!, session, pseudonyms, outbox, clock.GetUtcNow(), ct);
        if (made is null)
        {
            if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(FieldOf(field), message);
                    }
                }
            }
            else
            {
                ModelState.AddModelError("", problem?.Detail ?? "Dit kan nu niet.");
            }

            return Page();
        }

        await session.SaveChangesAsync(ct);
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Create, made.Patient.PatientReference, VisibleReferrals.Resource, made.ReferralId.ToString()), ct);
        return Redirect($"/verwijzingen/{made.ReferralId}");
    }

    private async Task Load(CancellationToken ct)
    {
        var practice = CareUser.From(User)!.OrganisationId;
        Agreements = await session.Query<JoinedAgreement>().Where(a => a.PracticeId == practice).OrderBy(a => a.Terms.HospitalName).ToListAsync(ct);
        if (ProposalId is { } id && await session.LoadAsync<ReferralProposal>(id, ct) is { } proposal && proposal.PracticeId == practice && proposal.UsedByReferralId is null)
        {
            Proposal = proposal;
            await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Read, proposal.PatientReference, "referral.proposal", proposal.Id.ToString()), ct);
        }
    }

    /// <summary>The request's fields (validator and decision) as the form names them.</summary>
    private static string FieldOf(string property) => property.ToLowerInvariant() switch
    {
        "patient.dateofbirth" => nameof(DateOfBirth),
        "patient.sex" => nameof(Sex),
        "patient.practicepatientreference" => nameof(Reference),
        "patient.bsn" => nameof(Bsn),
        "consentrecorded" => nameof(Consent),
        "hospitalid" => nameof(HospitalId),
        "target" => nameof(Target),
        "patientgroup" => nameof(PatientGroup),
        "reason" => nameof(Reason),
        "proposalid" => "",
        var other when other.StartsWith("content.", StringComparison.Ordinal) => $"{nameof(Content)}[{property["content.".Length..]}]",
        _ => property,
    };
}
