using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Attachments;
using Schakel.Consultation.ResponsePromise;
using Wolverine;
using Wolverine.Http;

namespace Schakel.Consultation.Questions;

/// <summary>
/// What the server found out about an uploaded file before deciding: its kind from its first
/// bytes (null when it is none of the accepted kinds), its size and hash. The offered name is
/// only a display name to clean; the client's Content-Type is never used.
/// </summary>
public sealed record UploadedFile(string? OfferedName, AttachmentKind? Kind, long SizeBytes, string Sha256Hex);

/// <summary>
/// Either side of a question attaches a PDF, JPEG or PNG (at most 10 MB, at most 10 per question)
/// until the question is closed or withdrawn. The bytes are stored in PostgreSQL in the same
/// transaction as the <see cref="AttachmentAdded"/> event.
/// </summary>
public static class AddAttachmentEndpoint
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public const int MaxPerQuestion = 10;

    /// <summary>The limit of a whole upload request: one maximal file plus room for the multipart framing. A bigger body is cut off while it arrives.</summary>
    public const long MaxRequestBytes = MaxBytes + 64 * 1024;

    public const string FileField = "file";

    [WolverinePost("/api/consultations/{id:guid}/attachments"), Tags("Consultatie")]
    [Authorize(Policy = SchakelPolicies.CareProvider)]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    [EndpointSummary("Attach a PDF, JPEG or PNG (multipart/form-data, field 'file'; at most 10 MB, 10 per question)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, Problem.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, Problem.ContentType)]
    public static async Task<Results<Created<AttachmentInfo>, ProblemHttpResult>> Post(
        Guid id, IFormFile? file, HttpContext http, IDocumentSession session, IAccessLog accessLog, IMessageBus bus, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var (added, problem) = await AddAsync(id, file, CareUser.From(http.User)!, new(session, accessLog, bus, calendar, clock), ct).ConfigureAwait(false);
        return added is null
            ? TypedResults.Problem(problem!)
            : TypedResults.Created($"/api/consultations/{id}/attachments/{added.Id}", added);
    }

    /// <summary>
    /// The upload for the API and the portal alike: check the shape, read the file's facts, run the
    /// change routine (404 for whoever may not see the question, the decision, the access log), and
    /// queue the bytes in the same unit of work as the event. The caller's transaction stores both.
    /// </summary>
    public static async Task<(AttachmentInfo? Added, ProblemDetails? Problem)> AddAsync(Guid id, IFormFile? file, CareUser user, QuestionDesk desk, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return (null, Problem.Invalid(new Dictionary<string, string[]>
            {
                [FileField] = [file is null ? "Kies een bestand om toe te voegen." : "Het bestand is leeg."],
            }));
        }

        var (facts, content) = await ReadAsync(file, ct).ConfigureAwait(false);
        var attachmentId = Guid.CreateVersion7();
        var now = desk.Clock.GetUtcNow();
        var (changed, problem) = await QuestionCommands.TryChangeAsync(id, user, desk, (question, who) => Decide(question, who, facts, attachmentId, now), ct).ConfigureAwait(false);
        if (changed is null)
        {
            return (null, problem);
        }

        AttachmentContents.Store(desk.Session, attachmentId, id, content!, now);
        return (changed.Attachments.Single(a => a.Id == attachmentId), null);
    }

    /// <summary>The facts of a file, and its bytes when it is not too large to keep.</summary>
    public static async Task<(UploadedFile Facts, byte[]? Content)> ReadAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > MaxBytes)
        {
            return (new UploadedFile(file.FileName, null, file.Length, ""), null);
        }

        var content = new byte[file.Length];
        var stream = file.OpenReadStream();
        await using (stream.ConfigureAwait(false))
        {
            await stream.ReadExactlyAsync(content, ct).ConfigureAwait(false);
        }

        return (Facts(file.FileName, content), content);
    }

    public static UploadedFile Facts(string? offeredName, byte[] content) =>
        new(offeredName, FileSignature.Detect(content), content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)));

    public static (object?, ProblemDetails?) Decide(Question question, CareUser user, UploadedFile file, Guid attachmentId, DateTimeOffset now)
    {
        if (!question.AcceptsAttachments)
        {
            return QuestionCommands.Refuse("Deze vraag is afgesloten; er kunnen geen bijlagen meer bij.");
        }

        if (question.Attachments.Count >= MaxPerQuestion)
        {
            return QuestionCommands.Refuse($"Deze vraag heeft al {MaxPerQuestion} bijlagen; meer kan niet.");
        }

        if (file.SizeBytes > MaxBytes)
        {
            return (null, Problem.TooLarge("Een bijlage mag hoogstens 10 MB zijn."));
        }

        if (file.SizeBytes == 0 || file.Kind is not { } kind)
        {
            return (null, Problem.UnsupportedMediaType("Alleen PDF, JPEG of PNG kan als bijlage worden toegevoegd; dit bestand is geen van drieën, wat de naam ook zegt."));
        }

        return (new AttachmentAdded(
            question.Id, attachmentId, AttachmentFileName.Clean(file.OfferedName, kind), FileSignature.ContentTypeOf(kind), file.SizeBytes, file.Sha256Hex,
            user.UserId, user.Name, user.IsGpSide ? "gp" : "specialist", now), null);
    }
}
