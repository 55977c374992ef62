using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>One step in a question's history: its event stream, read for people.</summary>
public sealed record TimelineEntry(long Version, DateTimeOffset At, string Kind, string Who, string? Text);

public static class QuestionTimelineEndpoint
{
    [WolverineGet("/api/consultations/{id:guid}/timeline"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("The history of a question, from its event stream")]
    public static async Task<Results<Ok<IReadOnlyList<TimelineEntry>>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        if (await VisibleQuestions.LoadAsync(id, CareUser.From(http.User), session, accessLog, ct).ConfigureAwait(false) is null)
        {
            return TypedResults.Problem(Problem.NotFound("Deze consultatievraag bestaat niet, of u mag haar niet zien."));
        }

        var events = await session.Events.FetchStreamAsync(id, token: ct).ConfigureAwait(false);
        IReadOnlyList<TimelineEntry> timeline = events.Select(e => Entry(e.Version, e.Data)).OfType<TimelineEntry>().ToList();
        return TypedResults.Ok(timeline);
    }

    public static TimelineEntry? Entry(long version, object data) => data switch
    {
        QuestionPosted e => new(version, e.PostedAt, "posted", e.PostedByName, e.Text),
        QuestionClaimed e => new(version, e.ClaimedAt, "claimed", e.SpecialistName, null),
        ClarificationRequested e => new(version, e.RequestedAt, "clarification-requested", e.SpecialistName, e.Text),
        ClarificationGiven e => new(version, e.GivenAt, "clarification-given", e.ByName, e.Text),
        QuestionAnswered e => new(version, e.AnsweredAt, "answered", e.SpecialistName, e.Advice),
        QuestionClosed e => new(version, e.ClosedAt, "closed", e.ByName, null),
        QuestionWithdrawn e => new(version, e.WithdrawnAt, "withdrawn", e.ByName, null),
        MessagePosted e => new(version, e.PostedAt, e.Corrects is null ? "message" : "correction", e.AuthorName, e.Text),
        AttachmentAdded e => new(version, e.AddedAt, "attachment-added", e.AddedByName, e.FileName),
        QuestionHandedOver e => new(version, e.HandedOverAt, "handed-over", $"{e.FromName} → {e.ToName}", e.Note),
        QuestionReturnedToPool e => new(version, e.ReturnedAt, "returned-to-pool-" + e.Reason, e.SpecialistName, null),
        QuestionAssigned e => new(version, e.AssignedAt, "assigned-" + e.Reason, e.SpecialistName, null),
        FollowUpAsked e => new(version, e.AskedAt, "follow-up", e.ByName, e.Text),
        EscalationRaised e => new(version, e.RaisedAt, "escalation-" + e.Level.ToString().ToLowerInvariant(), "Schakel", null),
        _ => null,
    };
}
