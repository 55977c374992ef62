using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Absence;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Pages.Consultation;

/// <summary>
/// The GP's list of her practice's questions, or the specialist's pool inbox (nearest deadline
/// first, late ones marked, who holds each), with her absence and who of the pool is away.
/// </summary>
[Authorize(Policy = SchakelPolicies.CareProvider)]
public sealed class IndexModel(
    IDocumentSession session, IAccessLog accessLog, WorkingDayCalendar calendar, TimeProvider clock, Wolverine.Marten.IMartenOutbox outbox) : PageModel
{
    public IReadOnlyList<QuestionListItem> Questions { get; private set; } = [];

    public bool IsGpSide { get; private set; }

    /// <summary>A specialist of a pool: she can mark absence and sees who of her pool is away.</summary>
    public bool IsPoolSpecialist { get; private set; }

    /// <summary>Her own absence now, or null when she is present.</summary>
    public SpecialistAvailability? MyAbsence { get; private set; }

    public IReadOnlyList<SpecialistAvailability> AbsentInPool { get; private set; } = [];

    [BindProperty]
    public DateOnly? Until { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAbsentAsync(CancellationToken ct)
    {
        var me = CareUser.From(User)!;
        outbox.Enroll(session);
        var (view, problem) = await AbsenceCommands.MarkAsync(me, new MarkAbsence(Until), Desk, ct);
        if (view is null)
        {
            ModelState.AddModelError(nameof(Until), problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails { Errors.Count: > 0 } invalid
                ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value))
                : problem?.Detail ?? "Dit kan nu niet.");
            await Load(ct);
            return Page();
        }

        return await SaveAsync(ct);
    }

    public async Task<IActionResult> OnPostPresentAsync(CancellationToken ct)
    {
        outbox.Enroll(session);
        await AbsenceCommands.EndAsync(CareUser.From(User)!, Desk, ct);
        return await SaveAsync(ct);
    }

    private QuestionDesk Desk => new(session, accessLog, outbox, calendar, clock);

    private async Task<IActionResult> SaveAsync(CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
        {
            // One of her questions changed at the same moment: nothing was stored; she tries again.
            ModelState.AddModelError(nameof(Until), "Een van uw vragen veranderde op hetzelfde moment. Probeer het opnieuw.");
            await Load(ct);
            return Page();
        }

        return Redirect("/consultaties");
    }

    private async Task Load(CancellationToken ct)
    {
        var me = CareUser.From(User);
        IsGpSide = me is { IsGpSide: true };
        Questions = await ListQuestionsEndpoint.Get(HttpContext, session, accessLog, clock, null, null, ct);
        if (me is { IsSpecialistSide: true, Pool: { } pool } && SchakelRoles.Specialists.Any(me.IsInRole))
        {
            IsPoolSpecialist = true;
            var now = clock.GetUtcNow();
            AbsentInPool = await SpecialistAvailability.AbsentInPoolAsync(session, me.OrganisationId, pool, now, ct);
            MyAbsence = AbsentInPool.FirstOrDefault(a => a.Id == me.UserId);
        }
    }
}
