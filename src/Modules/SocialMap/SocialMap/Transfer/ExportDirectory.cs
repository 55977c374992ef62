using Schakel.BuildingBlocks.Files;
using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Portal;
using Schakel.SocialMap.Directory;
using Wolverine.Http;

namespace Schakel.SocialMap.Transfer;

/// <summary>
/// The coordinator exports the social map as CSV (<see cref="DirectoryCsv"/>): every location on the
/// map (not the retired ones), by municipality and then name, ready to edit and import again.
/// </summary>
public static class ExportDirectoryEndpoint
{
    public const string ContentType = "text/csv; charset=utf-8";

    [WolverineGet("/api/socialmap/export"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("Export the social map as CSV (UTF-8 with byte-order mark, one row per location; the format of POST /api/socialmap/import)")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType(typeof(byte[]), Microsoft.AspNetCore.Http.StatusCodes.Status200OK, "text/csv")]
    public static PushStreamHttpResult Get(IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Stream(body => WriteAsync(body, session, ct), ContentType, FileName(clock.GetUtcNow()));

    /// <summary><c>sociale-kaart-2026-11-23.csv</c>, by the Dutch calendar day.</summary>
    public static string FileName(DateTimeOffset now) =>
        $"sociale-kaart-{DutchTime.ToDutch(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";

    /// <summary>Streams the rows as the database returns them, so a national map does not sit in memory at once.</summary>
    private static async Task WriteAsync(Stream body, IQuerySession session, CancellationToken ct)
    {
        var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            // The byte-order mark tells Excel the file is UTF-8 (otherwise "Zoë" arrives garbled).
            await writer.WriteAsync('\uFEFF').ConfigureAwait(false);
            await writer.WriteAsync(Csv.Line(DirectoryCsv.Columns)).ConfigureAwait(false);
            var locations = session.Query<TherapistLocation>()
                .Where(l => l.RetiredAt == null)
                .OrderBy(l => l.Place.Municipality).ThenBy(l => l.Details.PracticeName).ThenBy(l => l.Id)
                .ToAsyncEnumerable(ct);
            await foreach (var location in locations.ConfigureAwait(false))
            {
                await writer.WriteAsync(Csv.Line(DirectoryCsv.Cells(location))).ConfigureAwait(false);
            }
        }
    }
}
