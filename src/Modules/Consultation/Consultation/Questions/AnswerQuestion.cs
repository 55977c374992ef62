using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>The specialist who claimed the question answers with advice and an outcome.</summary>
public sealed record AnswerQuestion(string Advice, AnswerOutcome Outcome)
{
    public sealed class Validator : AbstractValidator<AnswerQuestion>
    {
        public Validator()
        {
            RuleFor(x => x.Advice).IsConversationText("Schrijf uw advies.");
            RuleFor(x => x.Outcome).IsInEnum().WithMessage("Kies de uitkomst.");
        }
    }
}

public static class AnswerQuestionEndpoint
{
    [WolverinePost("/api/consultations/{id:guid}/answer"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.SpecialistSide)]
    [EndpointSummary("Answer a question you claimed: advice and outcome")]
    public static async Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, AnswerQuestion request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var result = await QuestionCommands.ChangeAsync(id, http, session, accessLog, (question, user) => Decide(question, user, request, clock.GetUtcNow()), ct);
        if (result.Result is Ok<QuestionView> { Value: { } answered } && await session.LoadAsync<Question>(id, ct) is { } before)
        {
            // Published inside the endpoint's transaction: Wolverine's outbox sends it only when the answer is stored.
            foreach (var message in Published(before, answered, clock.GetUtcNow()))
            {
                await bus.PublishAsync(message);
            }
        }

        return result;
    }

    /// <summary>What other modules hear of an answer: a referral advice becomes a ready referral in the Referral module.</summary>
    public static IEnumerable<object> Published(Question question, QuestionView answered, DateTimeOffset now)
    {
        if (answered.Outcome == AnswerOutcome.ReferralAdvised)
        {
            yield return new Schakel.Consultation.Contracts.ReferralAdvisedIntegrationEvent(
                question.Id, question.PracticeId, question.ResponsibleGpId, question.HospitalId, question.HospitalName,
                question.Pool == SpecialtyPool.Rheumatology ? Schakel.Consultation.Contracts.Specialty.Rheumatology : Schakel.Consultation.Contracts.Specialty.InternalMedicine,
                question.PatientReference, answered.ClaimedByName ?? "", now);
        }
    }

    public static (object?, ProblemDetails?) Decide(Question question, CareUser specialist, AnswerQuestion request, DateTimeOffset now) =>
        question.Status == QuestionStatus.Open ? QuestionCommands.Refuse("Pak de vraag eerst op.")
        : question.Status != QuestionStatus.Claimed ? QuestionCommands.Refuse("Deze vraag wacht niet op een antwoord.")
        : question.ClaimedById != specialist.UserId ? QuestionCommands.NotYours($"{question.ClaimedByName} heeft deze vraag opgepakt; alleen zij of hij beantwoordt haar.")
        : (new QuestionAnswered(question.Id, specialist.UserId, specialist.Name, request.Advice.Trim(), request.Outcome, now), null);
}
