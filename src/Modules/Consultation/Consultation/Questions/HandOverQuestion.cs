using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Absence;
using Schakel.Consultation.ResponsePromise;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>The specialist who holds a question gives it to a colleague of the same pool, with an optional note.</summary>
public sealed record HandOverQuestion(Guid ToSpecialistId, string? Note)
{
    public sealed class Validator : AbstractValidator<HandOverQuestion>
    {
        public Validator()
        {
            RuleFor(x => x.ToSpecialistId).NotEmpty().WithMessage("Kies de collega die de vraag overneemt.");
            RuleFor(x => x.Note).MaximumLength(PostQuestion.MaxTextLength).WithMessage($"Hoogstens {PostQuestion.MaxTextLength} tekens.");
        }
    }
}

public static class HandOverQuestionEndpoint
{
    [WolverinePost("/api/consultations/{id:guid}/handover"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.SpecialistSide)]
    [EndpointSummary("Hand a question you hold to an available colleague of the same pool (status and promise stay)")]
    public static async Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, HandOverQuestion request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, ICareDirectory directory,
        WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var colleague = await directory.FindAsync(request.ToSpecialistId, ct).ConfigureAwait(false);
        var absent = await SpecialistAvailability.IsAbsentAsync(session, request.ToSpecialistId, clock.GetUtcNow(), ct).ConfigureAwait(false);
        return await QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock),
            (question, user) => Decide(question, user, request, colleague, absent, clock.GetUtcNow()), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Only the holder hands over, while the question waits for an answer, and only to an active
    /// specialist of the same hospital and pool who is not absent and not herself.
    /// </summary>
    /// <param name="colleague">The directory's answer for <see cref="HandOverQuestion.ToSpecialistId"/> (null: unknown or deactivated).</param>
    /// <param name="colleagueAbsent">Whether the colleague is marked absent now.</param>
    public static (object?, ProblemDetails?) Decide(Question question, CareUser specialist, HandOverQuestion request, CareProvider? colleague, bool colleagueAbsent, DateTimeOffset now)
    {
        if (question.Status is not (QuestionStatus.Claimed or QuestionStatus.AwaitingClarification) || question.ClaimedById is null)
        {
            return QuestionCommands.Refuse("Alleen een opgepakte vraag die nog op een antwoord wacht kan worden overgedragen.");
        }

        if (question.ClaimedById != specialist.UserId)
        {
            return QuestionCommands.NotYours($"{question.ClaimedByName} heeft deze vraag opgepakt; alleen zij of hij draagt haar over.");
        }

        var refusal =
            request.ToSpecialistId == specialist.UserId ? "U heeft deze vraag zelf al; kies een collega."
            : colleague is null
              || colleague.OrganisationId != question.HospitalId
              || colleague.Pool != question.Pool
              || !SchakelRoles.Specialists.Any(colleague.Roles.Contains) ? "Kies een actieve specialist van deze pool."
            : colleagueAbsent ? $"{colleague.Name} is afwezig gemeld; kies een andere collega."
            : null;
        if (refusal is not null)
        {
            return (null, Problem.Invalid(new Dictionary<string, string[]> { ["toSpecialistId"] = [refusal] }));
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        return (new QuestionHandedOver(question.Id, specialist.UserId, specialist.Name, colleague!.UserId, colleague.Name, note, now), null);
    }
}
