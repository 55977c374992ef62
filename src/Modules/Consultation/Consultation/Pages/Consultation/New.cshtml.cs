using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Pages.Consultation;

/// <summary>The GP's form for a new question: the same validation and decision as the API, Dutch messages next to the fields.</summary>
[Authorize(Policy = SchakelPolicies.GpSide)]
public sealed class NewModel(
    IDocumentSession session,
    IValidator<PostQuestion> validator,
    PatientPseudonyms pseudonyms,
    WorkingDayCalendar calendar,
    IAccessLog accessLog,
    Wolverine.Marten.IMartenOutbox outbox,
    TimeProvider clock) : PageModel
{
    public IReadOnlyList<ConsultationPool> Pools { get; private set; } = [];

    [BindProperty]
    public string? PoolId { get; set; }

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
    public QuestionCategory Category { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public WouldRefer WouldRefer { get; set; } = WouldRefer.NotSure;

    [BindProperty]
    public bool Urgent { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Pools = await LoadPools(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Pools = await LoadPools(ct);
        var pool = Pools.SingleOrDefault(p => p.Id == PoolId);
        if (pool is null)
        {
            ModelState.AddModelError(nameof(PoolId), "Kies het ziekenhuis en het specialisme.");
        }

        var request = new PostQuestion(
            pool?.HospitalId ?? Guid.Empty, pool?.Pool ?? SpecialtyPool.InternalMedicine, null,
            new PostQuestion.PatientInput(DateOfBirth ?? DateOnly.MinValue, Sex, Reference ?? "", Bsn),
            Consent, Category, Text ?? "", null, WouldRefer, Urgent);
        foreach (var error in (await validator.ValidateAsync(request, ct)).Errors)
        {
            ModelState.AddModelError(FieldOf(error.PropertyName), error.ErrorMessage);
        }

        if (!ModelState.IsValid || pool is null)
        {
            return Page();
        }

        var posted = PostQuestionEndpoint.Decide(Guid.CreateVersion7(), request, CareUser.From(User)!, pool, pseudonyms, calendar, clock.GetUtcNow());
        session.Events.StartStream<Question>(posted.QuestionId, posted);
        outbox.Enroll(session);
        await QuestionEffects.SendAsync(outbox, null, posted, Question.Start(posted), calendar, posted.PostedAt);
        await session.SaveChangesAsync(ct);
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Create, posted.PatientReference, "consultation.question", posted.QuestionId.ToString()), ct);
        return Redirect($"/consultaties/{posted.QuestionId}");
    }

    private async Task<IReadOnlyList<ConsultationPool>> LoadPools(CancellationToken ct) =>
        await session.Query<ConsultationPool>().OrderBy(p => p.HospitalName).ThenBy(p => p.Pool).ToListAsync(ct);

    /// <summary>The validator speaks of the request; the form's fields are named after what the GP fills in.</summary>
    private static string FieldOf(string property) => property switch
    {
        "Patient.DateOfBirth" => nameof(DateOfBirth),
        "Patient.Sex" => nameof(Sex),
        "Patient.PracticePatientReference" => nameof(Reference),
        "Patient.Bsn" => nameof(Bsn),
        "ConsentRecorded" => nameof(Consent),
        "WouldReferWithout" => nameof(WouldRefer),
        "HospitalId" or "Pool" => nameof(PoolId),
        _ => property,
    };
}
