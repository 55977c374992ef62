using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>A question as the two sides see it.</summary>
public sealed record QuestionView(
    Guid Id,
    QuestionStatus Status,
    string PatientReference,
    PatientDetails Patient,
    QuestionCategory Category,
    string Text,
    ClinicalData Clinical,
    WouldRefer WouldReferWithout,
    bool Urgent,
    bool DenosumabFlag,
    Guid PracticeId,
    string PracticeName,
    string ResponsibleGpName,
    string PostedByName,
    Guid HospitalId,
    string HospitalName,
    SpecialtyPool Pool,
    int PromiseWorkingDays,
    DateTimeOffset PostedAt,
    DateTimeOffset DueAt,
    string? ClaimedByName,
    string? Advice,
    AnswerOutcome? Outcome,
    bool? AvoidedReferral,
    int? Usefulness,
    IReadOnlyList<AttachmentInfo> Attachments,
    Guid? ClaimedById,
    DateTimeOffset PromiseStartedAt)
{
    public static QuestionView Of(Question q) => new(
        q.Id, q.Status, q.PatientReference, q.Patient, q.Category, q.Text, q.Clinical, q.WouldReferWithout, q.Urgent, q.DenosumabFlag,
        q.PracticeId, q.PracticeName, q.ResponsibleGpName, q.PostedByName, q.HospitalId, q.HospitalName, q.Pool, q.PromiseWorkingDays, q.PostedAt, q.DueAt,
        q.ClaimedByName, q.Advice, q.Outcome, q.AvoidedReferral, q.Usefulness, q.Attachments, q.ClaimedById, q.PromiseStartedAt);
}

/// <summary>A line in a list: enough to choose, no clinical content. <see cref="HeldByName"/>: who holds it (null: the pool).</summary>
public sealed record QuestionListItem(
    Guid Id, QuestionStatus Status, string PatientReference, QuestionCategory Category, bool Urgent, bool DenosumabFlag,
    string PracticeName, string HospitalName, SpecialtyPool Pool, DateTimeOffset PostedAt, DateTimeOffset DueAt, bool Late, string? HeldByName);

/// <summary>The one place that decides whether a caller sees a question, and logs the attempt.</summary>
public static class VisibleQuestions
{
    public static async Task<Question?> LoadAsync(Guid id, CareUser? user, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        var question = await session.LoadAsync<Question>(id, ct).ConfigureAwait(false);
        if (question is null)
        {
            return null;
        }

        var allowed = user is not null && CaseAccess.MaySee(user, question.Owners);
        await accessLog.RecordAsync(
            new PatientDataAccess(AccessAction.Read, question.PatientReference, "consultation.question", id.ToString(), allowed ? AccessOutcome.Allowed : AccessOutcome.Denied),
            ct).ConfigureAwait(false);
        return allowed ? question : null;
    }
}

public static class GetQuestionEndpoint
{
    /// <summary>One question, to the asking practice and the answering pool only; to anyone else it does not exist.</summary>
    [WolverineGet("/api/consultations/{id:guid}"), Tags("Consultatie")]
    [EndpointSummary("Read one consultation question (404 for whoever may not see it)")]
    public static async Task<Results<Ok<QuestionView>, ProblemHttpResult>> Get(Guid id, HttpContext http, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        var question = await VisibleQuestions.LoadAsync(id, CareUser.From(http.User), session, accessLog, ct).ConfigureAwait(false);
        return question is null
            ? TypedResults.Problem(Problem.NotFound("Deze consultatievraag bestaat niet, of u mag haar niet zien."))
            : TypedResults.Ok(QuestionView.Of(question));
    }
}

public static class ListQuestionsEndpoint
{
    /// <summary>
    /// What the caller may see: the GP side its practice's questions, the specialist side its pool's,
    /// ordered by due moment. A coordinator sees aggregates elsewhere, not this list.
    /// </summary>
    [WolverineGet("/api/consultations"), Tags("Consultatie")]
    [EndpointSummary("List the consultation questions the caller may see (filters: status, late)")]
    public static async Task<IReadOnlyList<QuestionListItem>> Get(
        HttpContext http, IQuerySession session, IAccessLog accessLog, TimeProvider clock, QuestionStatus? status, bool? late, CancellationToken ct)
    {
        var user = CareUser.From(http.User);
        IQueryable<Question> query;
        if (user is { IsGpSide: true })
        {
            query = session.Query<Question>().Where(q => q.PracticeId == user.OrganisationId);
        }
        else if (user is { IsSpecialistSide: true, Pool: { } pool })
        {
            query = session.Query<Question>().Where(q => q.HospitalId == user.OrganisationId && q.Pool == pool);
        }
        else
        {
            return [];
        }

        if (status is { } wanted)
        {
            query = query.Where(q => q.Status == wanted);
        }

        var now = clock.GetUtcNow();
        var questions = await query.OrderBy(q => q.DueAt).ToListAsync(ct).ConfigureAwait(false);
        var items = questions
            .Select(q => new QuestionListItem(q.Id, q.Status, q.PatientReference, q.Category, q.Urgent, q.DenosumabFlag, q.PracticeName, q.HospitalName, q.Pool, q.PostedAt, q.DueAt, q.AwaitsAnswer && q.Status != QuestionStatus.AwaitingClarification && q.DueAt < now, q.ClaimedByName))
            .Where(i => late is null || i.Late == late)
            .ToList();
        await accessLog.RecordListAsync(items.Select(i => i.PatientReference), "consultation.question-list", ct).ConfigureAwait(false);

        return items;
    }
}
