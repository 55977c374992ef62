using Schakel.BuildingBlocks.Files;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;
using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.Identity;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Search;
using Schakel.SocialMap.Transfer;
using Schakel.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>
/// The coordinator exports the social map as CSV and imports it: every row validated, all errors by
/// row number, nothing stored when a row is wrong (unless only the valid rows are asked for), one
/// transaction with the integration events in the outbox.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ImportingAndExportingTheDirectory(IntegrationApp app) : IAsyncLifetime
{
    private const string Import = "/api/socialmap/import";
    private const string Export = "/api/socialmap/export";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly CareUser Coordinator = TestUsers.Coordinator();
    private static readonly CareUser Gp = TestUsers.Gp(Guid.CreateVersion7());
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static readonly string[] Columns = [.. DirectoryCsv.Columns.Except(DirectoryCsv.ReadOnlyColumns)];

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Dictionary<string, string> ARow(string practice, string postcode = "5038 AB", params (string Column, string Value)[] changes)
    {
        var row = Columns.ToDictionary(c => c, _ => "");
        row[DirectoryCsv.PracticeName] = practice;
        row[DirectoryCsv.PracticeAgbCode] = "04123456";
        row[DirectoryCsv.Street] = "Bredaseweg";
        row[DirectoryCsv.HouseNumber] = "12";
        row[DirectoryCsv.Postcode] = postcode;
        row[DirectoryCsv.City] = "Tilburg";
        row[DirectoryCsv.Email] = "info@fysio.example.nl";
        row[DirectoryCsv.Therapists] = "Anouk de Vries|Physiotherapist|04000001|19012345601;Bram Janssen|ExerciseTherapist|04000002";
        row[DirectoryCsv.Offers] = "VallenVerledenTijd;Otago";
        row[DirectoryCsv.HomeVisits] = "ja";
        row[DirectoryCsv.FundingRoutes] = "BasicInsurance";
        foreach (var (column, value) in changes)
        {
            row[column] = value;
        }

        return row;
    }

    private static string AFile(params Dictionary<string, string>[] rows) =>
        Csv.Line(Columns) + string.Concat(rows.Select(r => Csv.Line(Columns.Select(c => r[c]))));

    private Task<IScenarioResult> ImportAsync(byte[] content, int status, string query = "", CareUser? who = null, string contentType = "text/csv") =>
        app.Host.Scenario(s =>
        {
            s.As(who ?? Coordinator);
            s.Post.Url(Import + query);
            s.ConfigureHttpContext(http =>
            {
                http.Request.ContentType = contentType;
                http.Request.ContentLength = content.Length;
                http.Request.Body = new MemoryStream(content);
            });
            s.StatusCodeShouldBe(status);
        });

    private Task<IScenarioResult> ImportAsync(string text, int status, string query = "") => ImportAsync(Encoding.UTF8.GetBytes(text), status, query);

    private static async Task<ImportSummary> SummaryOf(IScenarioResult result) =>
        JsonSerializer.Deserialize<ImportSummary>(await result.ReadAsTextAsync(), Web)!;

    private static async Task<JsonElement> ProblemOf(IScenarioResult result) =>
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;

    private static Dictionary<string, string[]> ErrorsOf(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());

    private async Task<byte[]> ExportAsync()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Get.Url(Export);
            s.StatusCodeShouldBe(200);
        });
        var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }

    private async Task<SearchResults> SearchAsync(string query) =>
        (await (await app.Host.Scenario(s => s.As(Gp).Get.Url($"/api/socialmap/search?{query}"))).ReadAsJsonAsync<SearchResults>())!;

    private async Task<(int Events, int Locations)> CountAsync()
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName.StartsWith("social_map.")).CountAsync(), await session.Query<TherapistLocation>().CountAsync());
    }

    private async Task<LocationView> ListAsync(string practice, string postcode)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Post.Json(new TherapistLocationEntry(practice, "04112233", "Stationsstraat", "1", postcode, "Tilburg", "013-1234567", null,
                [new TherapistEntry("Eva Bakker", TherapistDiscipline.Physiotherapist, "04000011", "19012345601")],
                [FallsPreventionOffer.Otago], WaitingWeeks: 3)).ToUrl("/api/socialmap/locations");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<LocationView>())!;
    }

    [Fact]
    public async Task a_valid_file_puts_its_locations_on_the_map_where_a_gp_finds_them_and_tells_the_referral_module()
    {
        var file = AFile(ARow("Fysio Reeshof"), ARow("Oefentherapie \"Het Pad\", Tilburg", "5038 XX"));
        IScenarioResult result = null!;

        var tracked = await app.Host.TrackActivity().Timeout(Patience).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            result = await ImportAsync(file, 200)));

        var summary = await SummaryOf(result);
        Assert.Equal((2, 2, 0, 0, 0), (summary.RowsRead, summary.Listed, summary.Revised, summary.Unchanged, summary.Skipped));
        Assert.Equal([2, 3], summary.Rows.Select(r => r.Row));
        var found = await SearchAsync("postcode=5038&offer=VallenVerledenTijd&homeVisits=true");
        Assert.Equal(["Fysio Reeshof", "Oefentherapie \"Het Pad\", Tilburg"], found.Results.Select(h => h.Location.PracticeName).Order(StringComparer.Ordinal));
        Assert.Equal(summary.Rows.Select(r => r.LocationId!.Value).Order(), found.Results.Select(h => h.Id).Order());
        var published = tracked.Executed.MessagesOf<TherapistLocationListedIntegrationEvent>().Select(m => m.LocationId).Distinct().Order();
        Assert.Equal(summary.Rows.Select(r => r.LocationId!.Value).Order(), published);
    }

    [Fact]
    public async Task a_file_with_bad_rows_is_refused_with_every_error_by_row_and_nothing_changes()
    {
        var existing = await ListAsync("Fysio Bestaand", "5042 AB");
        var before = await CountAsync();
        var file = AFile(
            ARow("Fysio Goed"),
            ARow("Fysio Fout", "12345", (DirectoryCsv.Offers, "Yoga")),
            ARow("Fysio Onbekend", "5038 AB", (DirectoryCsv.Id, Guid.CreateVersion7().ToString())),
            ARow("Fysio Gewijzigd", "5042 AB", (DirectoryCsv.Id, existing.Id.ToString())));

        var result = await ImportAsync(file, 400);

        var problem = await ProblemOf(result);
        Assert.Equal("2 van de 4 rijen hebben fouten; er is niets geïmporteerd. Verbeter die rijen, of importeer alleen de goede rijen.",
            problem.GetProperty("detail").GetString());
        var errors = ErrorsOf(problem);
        Assert.Equal(["row 3: offers", "row 3: postcode", "row 4: id"], errors.Keys);
        Assert.Equal(["Vul een postcode in zoals 5042 AB."], errors["row 3: postcode"]);
        Assert.StartsWith("Onbekend valpreventie-aanbod 'Yoga'.", errors["row 3: offers"][0], StringComparison.Ordinal);
        Assert.Equal(["Er staat geen locatie met dit id op de sociale kaart. Laat het id leeg voor een nieuwe locatie."], errors["row 4: id"]);
        Assert.Equal(before, await CountAsync());
        Assert.Equal(["Fysio Bestaand"], (await SearchAsync("postcode=5038&radiusKm=25")).Results.Select(h => h.Location.PracticeName));
    }

    [Fact]
    public async Task asked_for_only_the_valid_rows_the_same_file_imports_the_good_rows_and_reports_the_rest()
    {
        var file = AFile(ARow("Fysio Goed"), ARow("Fysio Fout", "12345"), ARow("Fysio Ook Goed", "5038 AB", (DirectoryCsv.HomeVisits, "nee")));

        var result = await ImportAsync(file, 200, "?validOnly=true");

        Assert.Contains("\"outcome\":\"Skipped\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
        var summary = await SummaryOf(result);

        Assert.Equal((3, 2, 1), (summary.RowsRead, summary.Listed, summary.Skipped));
        Assert.Equal([ImportOutcome.Listed, ImportOutcome.Skipped, ImportOutcome.Listed], summary.Rows.Select(r => r.Outcome));
        Assert.Null(summary.Rows[1].LocationId);
        Assert.Equal(["Vul een postcode in zoals 5042 AB."], summary.Errors["row 3: postcode"]);
        Assert.Equal(["Fysio Goed", "Fysio Ook Goed"], (await SearchAsync("postcode=5038")).Results.Select(h => h.Location.PracticeName).Order(StringComparer.Ordinal));
        Assert.Equal((2, 2), await CountAsync());
    }

    [Fact]
    public async Task the_export_lists_the_map_by_municipality_then_name_without_retired_locations_as_an_excel_friendly_download()
    {
        await ListAsync("Fysio Zuid", "5022 AA");
        await ListAsync("Fysio Breda", "4811 AA");
        await ListAsync("Fysio Anders", "5038 AB");
        var retired = await ListAsync("Fysio Gesloten", "5041 AA");
        await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Post.Json(new { reason = "Gesloten" }).ToUrl($"/api/socialmap/locations/{retired.Id}/retire");
            s.StatusCodeShouldBe(200);
        });

        var result = await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Get.Url(Export);
            s.StatusCodeShouldBe(200);
            s.ContentTypeShouldBe("text/csv; charset=utf-8");
        });

        var disposition = ContentDispositionHeaderValue.Parse(result.Context.Response.Headers.ContentDisposition.ToString());
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(@"^sociale-kaart-\d{4}-\d{2}-\d{2}\.csv$", disposition.FileName);
        var bytes = await ExportAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var records = Csv.Read(Encoding.UTF8.GetString(bytes));
        Assert.Equal(DirectoryCsv.Columns, records[0].Cells);
        var name = DirectoryCsv.Columns.ToList().IndexOf(DirectoryCsv.PracticeName);
        var municipality = DirectoryCsv.Columns.ToList().IndexOf(DirectoryCsv.Municipality);
        Assert.Equal([("Breda", "Fysio Breda"), ("Tilburg", "Fysio Anders"), ("Tilburg", "Fysio Zuid")],
            records.Skip(1).Select(r => (r.Cells[municipality], r.Cells[name])));
    }

    [Fact]
    public async Task importing_an_export_again_changes_nothing()
    {
        await ImportAsync(AFile(ARow("Fysio Reeshof", "5038 AB", (DirectoryCsv.Specialisations, "Osteoporose\\; vallen;Geriatrie"),
            (DirectoryCsv.ContractedInsurers, "CZ;VGZ"), (DirectoryCsv.Languages, "nl;tr"), (DirectoryCsv.WaitingWeeks, "4"))), 200);
        await ListAsync("Fysio Zoë", "5042 AB");
        var before = await CountAsync();

        var summary = await SummaryOf(await ImportAsync(await ExportAsync(), 200));

        Assert.Equal((2, 0, 0, 2), (summary.RowsRead, summary.Listed, summary.Revised, summary.Unchanged));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task a_row_with_the_id_of_a_location_revises_it_and_its_history_says_it_came_from_an_import()
    {
        var location = await ListAsync("Fysio Centrum", "5038 AB");
        var exported = Encoding.UTF8.GetString(await ExportAsync());
        var changed = exported.Replace("Fysio Centrum", "Fysio Centrum Tilburg", StringComparison.Ordinal)
            .Replace(",3,", ",6,", StringComparison.Ordinal);

        var summary = await SummaryOf(await ImportAsync(changed, 200));

        Assert.Equal(new ImportedRow(2, ImportOutcome.Revised, location.Id), Assert.Single(summary.Rows));
        var read = (await (await app.Host.Scenario(s => s.As(Gp).Get.Url($"/api/socialmap/locations/{location.Id}"))).ReadAsJsonAsync<LocationView>())!;
        Assert.Equal(("Fysio Centrum Tilburg", 6), (read.PracticeName, read.WaitingWeeks));
        var history = (await (await app.Host.Scenario(s => s.As(Coordinator).Get.Url($"/api/socialmap/locations/{location.Id}/history")))
            .ReadAsJsonAsync<LocationHistoryEntry[]>())!;
        var revised = history[^1];
        Assert.Equal(("revised", EntrySource.Import), (revised.Kind, revised.Source));
        Assert.Equal(["naam", "wachttijd"], revised.Changed);
    }

    [Fact]
    public async Task the_portal_form_can_upload_the_file_as_multipart()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(AFile(ARow("Fysio Formulier"))));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, ImportDirectoryEndpoint.FileField, "kaart.csv");

        var result = await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Post.MultipartFormData(form).ToUrl(Import);
            s.StatusCodeShouldBe(200);
        });

        Assert.Equal(1, (await SummaryOf(result)).Listed);
    }

    [Fact]
    public async Task a_gp_may_neither_import_nor_export()
    {
        await ImportAsync(Encoding.UTF8.GetBytes(AFile(ARow("Fysio Huisarts"))), 403, who: Gp);
        await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Get.Url(Export);
            s.StatusCodeShouldBe(403);
        });

        Assert.Equal((0, 0), await CountAsync());
    }

    [Fact]
    public async Task a_body_over_5_mb_is_refused_with_a_413_problem_and_nothing_is_stored()
    {
        var row = Csv.Line(Columns.Select(c => ARow("Fysio Groot")[c]));
        var big = Csv.Line(Columns) + string.Concat(Enumerable.Repeat(row, (int)(ImportDirectoryEndpoint.MaxBytes / row.Length) + 1));

        var result = await ImportAsync(big, 413);

        var problem = await ProblemOf(result);
        Assert.Equal((413, "Een importbestand mag hoogstens 5 MB zijn."), (problem.GetProperty("status").GetInt32(), problem.GetProperty("detail").GetString()));
        Assert.Equal((0, 0), await CountAsync());
    }

    [Fact]
    public async Task an_upload_over_the_limit_is_cut_off_as_a_413_problem()
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(new byte[ImportDirectoryEndpoint.MaxRequestBytes + 1]), ImportDirectoryEndpoint.FileField, "groot.csv");

        await app.Host.Scenario(s =>
        {
            s.As(Coordinator);
            s.Post.MultipartFormData(form).ToUrl(Import);
            s.StatusCodeShouldBe(413);
        });

        Assert.Equal((0, 0), await CountAsync());
    }

    [Fact]
    public async Task a_body_that_is_not_csv_is_refused_as_unsupported()
    {
        await ImportAsync(Encoding.UTF8.GetBytes("{}"), 415, contentType: "application/json");
    }
}
