using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.FollowUp;

namespace Schakel.Referral.Pages.FollowUp;

/// <summary>One patient's follow-up: the plan, the checks done, the form for the next check, and a proposed re-referral.</summary>
[Authorize(Policy = SchakelPolicies.GpSide)]
public sealed class DetailModel(IDocumentSession session, IAccessLog accessLog, Wolverine.Marten.IMartenOutbox outbox, TimeProvider clock) : PageModel
{
    public PatientFollowUp FollowUp { get; private set; } = null!;

    public FollowUpTask? Next { get; private set; }

    [BindProperty]
    public RecordCheckForm Check { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCheckAsync(Guid id, Guid taskId, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        var request = Check.ToRequest();
        var invalid = new RecordCheck.Validator(clock).Validate(request);
        foreach (var error in invalid.Errors)
        {
            ModelState.AddModelError($"{nameof(Check)}.{error.PropertyName}", error.ErrorMessage);
        }

        if (!invalid.IsValid)
        {
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        // Enrolled before the change: the contract message leaves only once the check is stored.
        outbox.Enroll(session);
        var (changed, problem) = await RecordCheckEndpoint.RecordAsync(taskId, request, CareUser.From(User)!, session, accessLog, outbox, clock, ct);
        if (changed is null || changed.Id != id)
        {
            if (problem?.Status == StatusCodes.Status404NotFound || changed is not null)
            {
                return NotFound();
            }

            if (problem is HttpValidationProblemDetails { Errors: var errors } && errors.TryGetValue(RecordCheckEndpoint.DexaField, out var dexa))
            {
                foreach (var message in dexa)
                {
                    ModelState.AddModelError($"{nameof(Check)}.{nameof(RecordCheckForm.DexaRepeatedOn)}", message);
                }
            }
            else
            {
                ModelState.AddModelError("", problem?.Detail ?? "Dit kan nu niet.");
            }

            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        await session.SaveChangesAsync(ct);
        return Redirect($"/opvolging/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var followUp = await VisibleFollowUps.LoadAsync(id, CareUser.From(User), session, accessLog, ct);
        if (followUp is null)
        {
            return false;
        }

        FollowUp = followUp;
        Next = followUp.Tasks.FirstOrDefault(t => t.State == FollowUpTaskState.Open);
        return true;
    }
}

/// <summary>The check form as the browser sends it.</summary>
public sealed class RecordCheckForm
{
    public bool StillTakingMedication { get; set; } = true;

    public bool StoppedBecauseOfSideEffects { get; set; }

    public string? SideEffects { get; set; }

    public decimal? HeightCm { get; set; }

    public int FallsSinceLastCheck { get; set; }

    public bool NewFracture { get; set; }

    public string? Complications { get; set; }

    /// <summary>Shown only at an evaluation whose plan asks for a repeat DEXA.</summary>
    public DateOnly? DexaRepeatedOn { get; set; }

    public RecordCheck ToRequest() => new(StillTakingMedication, StoppedBecauseOfSideEffects, SideEffects, HeightCm, FallsSinceLastCheck, NewFracture, Complications, DexaRepeatedOn);
}
