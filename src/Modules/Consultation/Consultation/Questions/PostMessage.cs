using Schakel.Consultation.ResponsePromise;
using Wolverine;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>
/// A message from either side on a question. Messages are never edited: a correction is a new
/// message that names the one it corrects.
/// </summary>
public sealed record PostMessage(string Text, Guid? Corrects)
{
    public sealed class Validator : AbstractValidator<PostMessage>
    {
        public Validator() => RuleFor(x => x.Text).IsConversationText("Schrijf uw bericht.");
    }
}

public static class PostMessageEndpoint
{
    [WolverinePost("/api/consultations/{id:guid}/messages"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Add a message to the question's conversation (a correction names the message it corrects)")]
    public static Task<Results<Ok<QuestionView>, ProblemHttpResult>> Post(
        Guid id, PostMessage request, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        QuestionCommands.ChangeAsync(id, http, new(session, accessLog, bus, calendar, clock), (question, user) => Decide(question, user, request, Guid.CreateVersion7(), clock.GetUtcNow()), ct);

    public static (object?, ProblemDetails?) Decide(Question question, CareUser author, PostMessage request, Guid messageId, DateTimeOffset now) =>
        question.Status is QuestionStatus.Closed or QuestionStatus.Withdrawn ? QuestionCommands.Refuse("Deze vraag is afgesloten; stel zo nodig een nieuwe vraag.")
        : request.Corrects is { } corrected && !question.Messages.Contains(corrected) ? QuestionCommands.Refuse("Het bericht dat u wilt corrigeren hoort niet bij deze vraag.")
        : (new MessagePosted(question.Id, messageId, author.UserId, author.Name, author.IsGpSide ? "gp" : "specialist", request.Text.Trim(), request.Corrects, now), null);
}
