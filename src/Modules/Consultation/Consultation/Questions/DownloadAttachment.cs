using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Attachments;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>An attachment's metadata with its bytes, ready to send.</summary>
public sealed record AttachmentDownload(AttachmentInfo Info, byte[] Content);

/// <summary>
/// Only the two sides of the question fetch its attachments; to anyone else they do not exist.
/// Every attempt, allowed or not, is written to the access log as an export.
/// </summary>
public static class DownloadAttachmentEndpoint
{
    [WolverineGet("/api/consultations/{id:guid}/attachments/{attachmentId:guid}"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [EndpointSummary("Download an attachment of a question (404 for whoever may not see the question)")]
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(
        Guid id, Guid attachmentId, HttpContext http, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        var download = await FetchAsync(id, attachmentId, CareUser.From(http.User), session, accessLog, ct).ConfigureAwait(false);
        return download is null
            ? TypedResults.Problem(Problem.NotFound("Deze bijlage bestaat niet, of u mag haar niet zien."))
            : Deliver(http.Response, download);
    }

    /// <summary>The attachment when the caller may see its question; the access log records the attempt before any byte leaves.</summary>
    public static async Task<AttachmentDownload?> FetchAsync(Guid id, Guid attachmentId, CareUser? user, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        var question = await session.LoadAsync<Question>(id, ct).ConfigureAwait(false);
        if (question is null)
        {
            return null;
        }

        var maySee = user is not null && CaseAccess.MaySee(user, question.Owners);
        var info = maySee ? question.Attachments.FirstOrDefault(a => a.Id == attachmentId) : null;
        var content = info is null ? null : await AttachmentContents.ReadAsync(session, attachmentId, id, ct).ConfigureAwait(false);
        var outcome = !maySee ? AccessOutcome.Denied : content is null ? AccessOutcome.NotFound : AccessOutcome.Allowed;
        await accessLog.RecordAsync(
            new PatientDataAccess(AccessAction.Export, question.PatientReference, "consultation.attachment", attachmentId.ToString(), outcome), ct).ConfigureAwait(false);
        return content is null ? null : new AttachmentDownload(info!, content);
    }

    /// <summary>
    /// Always a download, never rendered in place: the detected type, no sniffing, no caching,
    /// and the name as both an ASCII fallback and UTF-8 (RFC 6266), encoded by the framework.
    /// </summary>
    public static FileContentHttpResult Deliver(HttpResponse response, AttachmentDownload download)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(download.Info.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(download.Content, download.Info.ContentType);
    }
}
