using Schakel.BuildingBlocks.Files;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;
using Wolverine;
using Wolverine.Http;

namespace Schakel.SocialMap.Transfer;

public enum ImportOutcome
{
    /// <summary>A new location, put on the map.</summary>
    Listed,

    /// <summary>A location on the map, changed.</summary>
    Revised,

    /// <summary>A location on the map, already as the row says: nothing recorded.</summary>
    Unchanged,

    /// <summary>A row with errors, left out because only the valid rows were asked for.</summary>
    Skipped,
}

/// <summary>What became of one row; the location id for every row that is on the map now.</summary>
public sealed record ImportedRow(int Row, ImportOutcome Outcome, Guid? LocationId);

/// <summary>The answer to an import: counts, each row's outcome, and the errors of the skipped rows (same keys as the 400 problem).</summary>
public sealed record ImportSummary(
    int RowsRead, int Listed, int Revised, int Unchanged, int Skipped, IReadOnlyList<ImportedRow> Rows, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>One row's decision: its outcome and the event to record (null for unchanged and skipped rows).</summary>
public sealed record ImportStep(int Row, ImportOutcome Outcome, Guid? LocationId, object? Change);

/// <summary>An import decided: every row's step and every error; refused as a whole when nothing may be stored.</summary>
public sealed record ImportPlan(IReadOnlyList<ImportStep> Steps, IReadOnlyList<ImportError> Errors, bool Refused)
{
    public ImportSummary Summary() => new(
        Steps.Count,
        Steps.Count(s => s.Outcome == ImportOutcome.Listed),
        Steps.Count(s => s.Outcome == ImportOutcome.Revised),
        Steps.Count(s => s.Outcome == ImportOutcome.Unchanged),
        Steps.Count(s => s.Outcome == ImportOutcome.Skipped),
        Steps.Select(s => new ImportedRow(s.Row, s.Outcome, s.LocationId)).ToList(),
        ImportError.ToMap(Errors));

    /// <summary>The refusal as a 400 problem listing every error (only meaningful when <see cref="Refused"/>).</summary>
    public ValidationProblemDetails Problem()
    {
        var badRows = Errors.Where(e => e.Row is not null).Select(e => e.Row).Distinct().Count();
        var detail = Steps.Count == 0
            ? "Het bestand kan niet worden gelezen; er is niets geïmporteerd."
            : $"{badRows} van de {Steps.Count} rijen hebben fouten; er is niets geïmporteerd. Verbeter die rijen, of importeer alleen de goede rijen.";
        return Schakel.BuildingBlocks.Problems.Problem.Invalid(ImportError.ToMap(Errors), detail);
    }
}

/// <summary>
/// The coordinator imports the social map from CSV (<see cref="DirectoryCsv"/>). Every row is read and
/// validated with the API's rules; when any row is wrong nothing is stored and every error is answered
/// with its row number, unless only the valid rows were asked for. New rows are listed and rows with an
/// id revise their location (author: the coordinator, source Import), all in one transaction with the
/// integration events in its outbox.
/// </summary>
public static class ImportDirectoryEndpoint
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The whole request: one maximal file plus room for the multipart framing.</summary>
    public const long MaxRequestBytes = MaxBytes + 64 * 1024;

    public const string FileField = "file";

    public const string TooLarge = "Een importbestand mag hoogstens 5 MB zijn.";

    private static readonly string[] CsvMediaTypes = ["text/csv", "text/plain", "application/csv"];

    [WolverinePost("/api/socialmap/import"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    [EndpointSummary("Import the social map from CSV (text/csv body, or multipart/form-data field 'file'; at most 5 MB). "
        + "Any invalid row refuses the whole file with every error by row ('row 3: postcode'); ?validOnly=true imports the valid rows only")]
    [ProducesResponseType<ImportSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, Problem.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, Problem.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, Problem.ContentType)]
    public static async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> Post(
        HttpRequest request, bool? validOnly, IDocumentSession session, IMessageBus bus, IValidator<TherapistLocationEntry> validator,
        PostcodeAreas areas, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (content, problem) = await ReadBodyAsync(request, ct).ConfigureAwait(false);
        if (content is null)
        {
            return TypedResults.Problem(problem!);
        }

        var plan = await ImportAsync(
            content, validOnly == true, session, bus, validator, areas, EntryAuthors.Of(request.HttpContext.User, EntrySource.Import), clock.GetUtcNow(), ct)
            .ConfigureAwait(false);
        return plan.Refused ? TypedResults.Problem(plan.Problem()) : TypedResults.Ok(plan.Summary());
    }

    /// <summary>
    /// The import for the API and the portal alike: read, decide, and (unless refused) append every
    /// change and queue its integration event. The caller's transaction stores all of it, or nothing.
    /// </summary>
    public static async Task<ImportPlan> ImportAsync(
        byte[] content, bool validOnly, IDocumentSession session, IMessageBus bus, IValidator<TherapistLocationEntry> validator,
        PostcodeAreas areas, EntryAuthor by, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var file = DirectoryCsv.Read(content, validator);
        var streams = new Dictionary<Guid, IEventStream<TherapistLocation>>();
        foreach (var ids in file.Rows.Select(r => r.LocationId).OfType<Guid>().Distinct().Chunk(500))
        {
            foreach (var stream in await session.Events.FetchManyForWriting<TherapistLocation>(ids, ct).ConfigureAwait(false))
            {
                streams[stream.Id] = stream;
            }
        }

        var onTheMap = streams.Values.Where(s => s.Aggregate is not null).ToDictionary(s => s.Id, s => s.Aggregate!);
        var plan = Decide(file, onTheMap, validOnly, areas, by, now);
        if (plan.Refused)
        {
            return plan;
        }

        foreach (var change in plan.Steps.Select(s => s.Change))
        {
            switch (change)
            {
                case TherapistLocationListed listed:
                    session.Events.StartStream<TherapistLocation>(listed.LocationId, listed);
                    await DirectoryContracts.PublishAsync(bus, listed, TherapistLocation.Create(listed)).ConfigureAwait(false);
                    break;
                case TherapistLocationRevised revised:
                    var revising = streams[revised.LocationId];
                    revising.AppendOne(revised);
                    await DirectoryContracts.PublishAsync(bus, revised, LocationCommands.Then(revising.Aggregate!, revised)).ConfigureAwait(false);
                    break;
            }
        }

        return plan;
    }

    /// <summary>
    /// The decision: each valid row through the same decisions as POST and PUT; an id that is not on the
    /// map (or was retired) is the row's error. Refused when the file cannot be read, or when any row has
    /// an error and not only the valid rows were asked for.
    /// </summary>
    public static ImportPlan Decide(
        DirectoryFile file, IReadOnlyDictionary<Guid, TherapistLocation> onTheMap, bool validOnly, PostcodeAreas areas, EntryAuthor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(onTheMap);
        if (file.FileErrors.Count > 0)
        {
            return new ImportPlan([], file.FileErrors, Refused: true);
        }

        var steps = new List<ImportStep>();
        var errors = new List<ImportError>();
        foreach (var row in file.Rows)
        {
            var (step, rowErrors) = DecideRow(row, onTheMap, areas, by, now);
            steps.Add(step);
            errors.AddRange(rowErrors);
        }

        return new ImportPlan(steps, errors, Refused: errors.Count > 0 && !validOnly);
    }

    private static (ImportStep Step, IReadOnlyList<ImportError> Errors) DecideRow(
        ImportRow row, IReadOnlyDictionary<Guid, TherapistLocation> onTheMap, PostcodeAreas areas, EntryAuthor by, DateTimeOffset now)
    {
        var errors = row.Errors.ToList();
        var location = row.LocationId is { } id ? onTheMap.GetValueOrDefault(id) : null;
        if (row.LocationId is not null && location is null)
        {
            errors.Add(new ImportError(row.Row, DirectoryCsv.Id, "Er staat geen locatie met dit id op de sociale kaart. Laat het id leeg voor een nieuwe locatie."));
        }
        else if (location is { IsRetired: true })
        {
            errors.Add(new ImportError(row.Row, DirectoryCsv.Id, LocationCommands.Retired));
        }

        if (errors.Count > 0 || row.Entry is not { } entry)
        {
            return (new ImportStep(row.Row, ImportOutcome.Skipped, null, null), errors);
        }

        if (location is null)
        {
            var listed = ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), entry, areas, by, now);
            return (new ImportStep(row.Row, ImportOutcome.Listed, listed.LocationId, listed), []);
        }

        var (change, problem) = ReviseTherapistLocationEndpoint.Decide(location, entry, areas, by, now);
        if (problem is not null)
        {
            return (new ImportStep(row.Row, ImportOutcome.Skipped, null, null),
                [new ImportError(row.Row, DirectoryCsv.Id, problem.Detail ?? "Deze locatie kan niet veranderen.")]);
        }

        return change is null
            ? (new ImportStep(row.Row, ImportOutcome.Unchanged, location.Id, null), [])
            : (new ImportStep(row.Row, ImportOutcome.Revised, location.Id, change), []);
    }

    /// <summary>The file from a text/csv body or a multipart form's <c>file</c> field, refused over <see cref="MaxBytes"/>.</summary>
    private static async Task<(byte[]? Content, ProblemDetails? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
            return form.Files.GetFile(FileField) is { } file
                ? await ReadFileAsync(file, ct).ConfigureAwait(false)
                : (null, Problem.Invalid(new Dictionary<string, string[]> { [FileField] = ["Kies een CSV-bestand om te importeren."] }));
        }

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is null || !CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return (null, Problem.UnsupportedMediaType("Stuur het bestand als text/csv, of als formulier (multipart/form-data) in het veld 'file'."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, Problem.TooLarge(TooLarge));
        }

        // Read to at most one byte over the limit: the declared length may be absent or wrong.
        return await ReadLimitedAsync(request.Body, ct).ConfigureAwait(false);
    }

    /// <summary>An uploaded file's bytes, refused over <see cref="MaxBytes"/>; for the portal's form as well.</summary>
    public static async Task<(byte[]? Content, ProblemDetails? Problem)> ReadFileAsync(IFormFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length > MaxBytes)
        {
            return (null, Problem.TooLarge(TooLarge));
        }

        var stream = file.OpenReadStream();
        await using (stream.ConfigureAwait(false))
        {
            return await ReadLimitedAsync(stream, ct).ConfigureAwait(false);
        }
    }

    private static async Task<(byte[]? Content, ProblemDetails? Problem)> ReadLimitedAsync(Stream body, CancellationToken ct)
    {
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (content.Length + read > MaxBytes)
            {
                return (null, Problem.TooLarge(TooLarge));
            }

            content.Write(buffer, 0, read);
        }

        return (content.ToArray(), null);
    }
}
