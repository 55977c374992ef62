using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Pages.Consultation;

/// <summary>
/// One question, for the asking practice and the answering pool (anyone else gets the not-found
/// page), with the actions each side may take now. The actions run the API's decisions.
/// </summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class DetailModel(
    IDocumentSession session, IAccessLog accessLog, WorkingDayCalendar calendar, TimeProvider clock, Wolverine.Marten.IMartenOutbox outbox, ICareDirectory directory) : PageModel
{
    public Question Question { get; private set; } = null!;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public CareUser Me { get; private set; } = null!;

    /// <summary>For the holder's hand-over form: the pool's active colleagues who are not absent.</summary>
    public IReadOnlyList<CareProvider> Colleagues { get; private set; } = [];

    [BindProperty]
    public Guid? ToSpecialistId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public AnswerOutcome Outcome { get; set; }

    [BindProperty]
    public bool AvoidedReferral { get; set; }

    [BindProperty]
    public int Usefulness { get; set; } = 4;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await Load(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct)
    {
        var absent = await Schakel.Consultation.Absence.SpecialistAvailability.IsAbsentAsync(session, CareUser.From(User)!.UserId, clock.GetUtcNow(), ct);
        return await Change(id, (q, u) => ClaimQuestionEndpoint.Decide(q, u, absent, clock.GetUtcNow()), ct);
    }

    public async Task<IActionResult> OnPostHandOverAsync(Guid id, CancellationToken ct)
    {
        var to = ToSpecialistId ?? Guid.Empty;
        var colleague = to == Guid.Empty ? null : await directory.FindAsync(to, ct);
        var absent = await Schakel.Consultation.Absence.SpecialistAvailability.IsAbsentAsync(session, to, clock.GetUtcNow(), ct);
        return await Change(id, (q, u) => HandOverQuestionEndpoint.Decide(q, u, new HandOverQuestion(to, Note), colleague, absent, clock.GetUtcNow()), ct);
    }

    public async Task<IActionResult> OnPostFollowUpAsync(Guid id, CancellationToken ct)
    {
        var (answerer, absent) = await AskFollowUpEndpoint.AnswererAsync(id, session, directory, clock.GetUtcNow(), ct);
        return await Change(id, (q, u) => AskFollowUpEndpoint.Decide(q, u, new AskFollowUp(Text ?? ""), answerer, absent, calendar, clock.GetUtcNow()), ct, needsText: true);
    }

    public Task<IActionResult> OnPostClarifyAsync(Guid id, CancellationToken ct) =>
        Change(id, (q, u) => RequestClarificationEndpoint.Decide(q, u, new RequestClarification(Text ?? ""), clock.GetUtcNow()), ct, needsText: true);

    public Task<IActionResult> OnPostGiveClarificationAsync(Guid id, CancellationToken ct) =>
        Change(id, (q, u) => GiveClarificationEndpoint.Decide(q, u, new GiveClarification(Text ?? ""), calendar, clock.GetUtcNow()), ct, needsText: true);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct) =>
        Change(id, (q, u) => AnswerQuestionEndpoint.Decide(q, u, new AnswerQuestion(Text ?? "", Outcome), clock.GetUtcNow()), ct, needsText: true);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        Change(id, (q, u) => CloseQuestionEndpoint.Decide(q, u, new CloseQuestion(AvoidedReferral, Math.Clamp(Usefulness, 1, 5)), clock.GetUtcNow()), ct);

    public Task<IActionResult> OnPostMessageAsync(Guid id, CancellationToken ct) =>
        Change(id, (q, u) => PostMessageEndpoint.Decide(q, u, new PostMessage(Text ?? "", null), Guid.CreateVersion7(), clock.GetUtcNow()), ct, needsText: true);

    /// <summary>The same upload as the API's; a refusal is shown next to the file field.</summary>
    [RequestSizeLimit(AddAttachmentEndpoint.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = AddAttachmentEndpoint.MaxRequestBytes)]
    public async Task<IActionResult> OnPostAttachAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        Me = CareUser.From(User)!;
        outbox.Enroll(session);
        var (added, problem) = await AddAttachmentEndpoint.AddAsync(id, file, Me, new(session, accessLog, outbox, calendar, clock), ct);
        if (added is null)
        {
            if (problem?.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            var messages = problem is ValidationProblemDetails invalid ? invalid.Errors.Values.SelectMany(m => m) : [problem?.Detail ?? "Dit kan nu niet."];
            foreach (var message in messages)
            {
                ModelState.AddModelError(AddAttachmentEndpoint.FileField, message);
            }

            return await Load(id, ct) ? Page() : NotFound();
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/consultaties/{id}");
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        Change(id, (q, u) => WithdrawQuestionEndpoint.Decide(q, u, clock.GetUtcNow()), ct);

    private async Task<IActionResult> Change(Guid id, Func<Question, CareUser, (object?, Microsoft.AspNetCore.Mvc.ProblemDetails?)> decide, CancellationToken ct, bool needsText = false)
    {
        Me = CareUser.From(User)!;
        if (needsText && string.IsNullOrWhiteSpace(Text))
        {
            ModelState.AddModelError(nameof(Text), "Vul de tekst in.");
            return await Load(id, ct) ? Page() : NotFound();
        }

        // Enrolled before the change: what follows from it is sent only once it is stored.
        outbox.Enroll(session);
        var (changed, problem) = await QuestionCommands.TryChangeAsync(id, Me, new(session, accessLog, outbox, calendar, clock), decide, ct);
        if (changed is null)
        {
            if (problem?.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("", Explain(problem));
            return await Load(id, ct) ? Page() : NotFound();
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/consultaties/{id}");
    }

    /// <summary>A file size as people read it: "245 KB", "3,4 MB".</summary>
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, (bytes + 1023) / 1024)} KB"
        : (bytes / (1024d * 1024)).ToString("0.0", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")) + " MB";

    /// <summary>A field error (400) says what is wrong with the field; anything else its detail.</summary>
    private static string Explain(Microsoft.AspNetCore.Mvc.ProblemDetails? problem) =>
        problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails { Errors.Count: > 0 } invalid
            ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value))
            : problem?.Detail ?? "Dit kan nu niet.";

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        Me = CareUser.From(User)!;
        var question = await VisibleQuestions.LoadAsync(id, Me, session, accessLog, ct);
        if (question is null)
        {
            return false;
        }

        Question = question;
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        Timeline = events.Select(e => QuestionTimelineEndpoint.Entry(e.Version, e.Data)).OfType<TimelineEntry>().ToList();
        if (question.ClaimedById == Me.UserId && question.AwaitsAnswer)
        {
            var pool = await directory.SpecialistsOfAsync(question.HospitalId, question.Pool, ct);
            var absent = await Schakel.Consultation.Absence.SpecialistAvailability.AbsentAmongAsync(session, pool.Select(p => p.UserId), clock.GetUtcNow(), ct);
            Colleagues = pool.Where(p => p.UserId != Me.UserId && !absent.Contains(p.UserId)).ToList();
        }

        return true;
    }
}
