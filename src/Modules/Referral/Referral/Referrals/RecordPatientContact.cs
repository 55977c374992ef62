using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.BuildingBlocks.Problems;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Referral.Referrals;

/// <summary>How the practice's contact with a patient who did not respond to the hospital went. Values are stored; add new ones at the end.</summary>
public enum PatientContactOutcome
{
    /// <summary>The practice spoke to the patient (she may be invited again, or treated by the GP).</summary>
    Reached = 1,

    /// <summary>The practice tried but could not reach her.</summary>
    NotReached = 2,

    /// <summary>She was reached and does not want further diagnostics or treatment.</summary>
    DeclinedFurtherCare = 3,
}

/// <summary>The practice records that it contacted the patient the hospital could not reach (the safety net's task).</summary>
public sealed record RecordPatientContact(PatientContactOutcome Outcome, string? Note)
{
    public const int MaxNoteLength = 500;

    public sealed class Validator : AbstractValidator<RecordPatientContact>
    {
        public Validator()
        {
            RuleFor(x => x.Outcome).IsInEnum().WithMessage("Kies hoe het contact met de patiënt verliep: bereikt, niet bereikt of wil geen verdere zorg.");
            RuleFor(x => x.Note).MaximumLength(MaxNoteLength).WithMessage($"Hoogstens {MaxNoteLength} tekens.");
            RuleFor(x => x.Note).Must(n => !CareIdentifiers.ContainsBsn(n!)).When(x => !string.IsNullOrEmpty(x.Note))
                .WithMessage("Schrijf geen BSN in de notitie.");
        }
    }
}

public static class RecordPatientContactEndpoint
{
    public const string NoOpenTask = "Er staat bij deze verwijzing geen taak open om contact met de patiënt op te nemen.";

    /// <summary>The referring practice closes the safety net's task; the hospital sees the step in the referral's history.</summary>
    [WolverinePost("/api/referrals/{id:guid}/patient-contact"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Record that the practice contacted the patient who did not respond to the hospital (closes the safety net's task)")]
    public static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> Post(
        Guid id, RecordPatientContact request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var user = CareUser.From(http.User)!;
        var (changed, task, problem) = await RecordAsync(id, request, user, new(session, accessLog, bus, clock), ct).ConfigureAwait(false);
        if (changed is null)
        {
            return TypedResults.Problem(problem!);
        }

        // The task and the step are stored with this request's transaction: show them as they will be.
        var timeline = await ReferralTimeline.LoadAsync(session, id, ct).ConfigureAwait(false);
        var step = ReferralTimeline.Step(changed.Version, changed.PatientContact!);
        return TypedResults.Ok(ReferralView.Of(changed, [.. timeline, .. new[] { step }.OfType<ReferralStep>()], task, clock.GetUtcNow()));
    }

    /// <summary>
    /// For the API and the portal: the referral after the contact and the task as done, or why not. The
    /// caller's transaction stores both (<see cref="ReferralEffects"/>), with the contract message.
    /// </summary>
    public static async Task<(HospitalReferral? Changed, PracticeTask? Task, ProblemDetails? Problem)> RecordAsync(
        Guid id, RecordPatientContact request, CareUser user, ReferralDesk desk, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var task = (await VisibleReferrals.TasksOfAsync(desk.Session, [id], ct).ConfigureAwait(false)).GetValueOrDefault(id);
        var now = desk.Clock.GetUtcNow();
        var (changed, problem) = await ReferralCommands.TryChangeAsync(id, user, desk, (r, u) => Decide(r, u, request, task, now), ct).ConfigureAwait(false);
        return changed is null ? (null, null, problem) : (changed, task! with { Status = PracticeTaskStatus.Done }, null);
    }

    /// <summary>The referring practice, while the safety net's task for this referral is open.</summary>
    public static (object?, ProblemDetails?) Decide(HospitalReferral referral, CareUser user, RecordPatientContact request, PracticeTask? task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        return !user.IsGpSide ? ReferralCommands.NotYours("Alleen de verwijzende praktijk legt het contact met de patiënt vast.")
            : task is not { Kind: PracticeTaskKind.ContactPatientAfterNoResponse, Status: PracticeTaskStatus.Open } || task.ReferralId != referral.Id
                ? ReferralCommands.Refuse(NoOpenTask)
            : (new PatientContactRecorded(referral.Id, task.Id, request.Outcome, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), user.UserId, user.Name, now), null);
    }
}
