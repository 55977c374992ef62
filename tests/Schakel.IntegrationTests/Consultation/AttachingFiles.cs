using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;
using Schakel.IntegrationTests.AccessLog;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>PDF, JPEG or PNG on a question: checked by their bytes, stored in PostgreSQL, fetched only by the two sides, every download logged.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class AttachingFiles(IntegrationApp app) : IAsyncLifetime
{
    private static readonly byte[] PdfHeader = "%PDF-1.7\n"u8.ToArray();
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Guid _hospital = Guid.CreateVersion7();
    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());
    private CareUser _rheumatologist = null!;

    public async Task InitializeAsync()
    {
        _rheumatologist = TestUsers.Rheumatologist(_hospital, "Dr. R. Reuma");
        await OpenConsultationPools.OpenAsync(app.Store, _hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<QuestionView> AQuestionAsync(CareUser? gp = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(gp ?? _gp);
            s.Post.Json(new PostQuestion(_hospital, SpecialtyPool.Rheumatology, null,
                new PostQuestion.PatientInput(new DateOnly(1948, 3, 3), Sex.Female, "B-" + Guid.NewGuid().ToString("N")[..6], null),
                true, QuestionCategory.ReadingDexaOrVfaReport, "Hoe lees ik dit DEXA-verslag?", null, WouldRefer.NotSure, false)).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!;
    }

    private static byte[] AFile(byte[] header, int length)
    {
        var content = new byte[length];
        Random.Shared.NextBytes(content);
        header.CopyTo(content, 0);
        return content;
    }

    private static MultipartFormDataContent Upload(byte[] content, string fileName, string contentType, string field = "file")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    private Task<IScenarioResult> AttachAsync(CareUser who, Guid question, MultipartFormDataContent form, int status) => app.Host.Scenario(s =>
    {
        s.As(who);
        s.Post.MultipartFormData(form).ToUrl($"/api/consultations/{question}/attachments");
        s.StatusCodeShouldBe(status);
    });

    private async Task<AttachmentInfo> AttachedAsync(CareUser who, Guid question, byte[] content, string fileName, string contentType)
    {
        var result = await AttachAsync(who, question, Upload(content, fileName, contentType), 201);
        return (await result.ReadAsJsonAsync<AttachmentInfo>())!;
    }

    private Task<IScenarioResult> DownloadAsync(CareUser who, Guid question, Guid attachment, int status) => app.Host.Scenario(s =>
    {
        s.As(who);
        s.Get.Url($"/api/consultations/{question}/attachments/{attachment}");
        s.StatusCodeShouldBe(status);
    });

    private async Task<QuestionView> ReadAsync(Guid question) =>
        (await (await app.Host.Scenario(s => { s.As(_gp); s.Get.Url($"/api/consultations/{question}"); })).ReadAsJsonAsync<QuestionView>())!;

    private async Task<long> StoredContentsAsync(Guid question)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from consultation.attachment_contents where question_id = @question", connection);
        command.Parameters.AddWithValue("question", question);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<byte[]> BytesOf(IScenarioResult result)
    {
        using var body = new MemoryStream();
        if (result.Context.Response.Body.CanSeek)
        {
            result.Context.Response.Body.Position = 0;
        }

        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }

    private static async Task<JsonElement> ProblemOf(IScenarioResult result)
    {
        Assert.Equal("application/problem+json", result.Context.Response.ContentType?.Split(';')[0]);
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
    }

    [Fact]
    public async Task the_gp_attaches_a_pdf_and_a_png_and_a_specialist_of_the_pool_downloads_them_unchanged()
    {
        var question = await AQuestionAsync();
        var pdf = AFile(PdfHeader, 300_000);
        var png = AFile(PngHeader, 20_000);

        var report = await AttachedAsync(_gp, question.Id, pdf, "C:\\scans\\DEXA-verslag mevr. Ç.pdf", "application/pdf");
        var photo = await AttachedAsync(_gp, question.Id, png, "foto.png", "image/png");

        Assert.Equal(("DEXA-verslag mevr. Ç.pdf", "application/pdf", 300_000L, "gp", _gp.Name), (report.FileName, report.ContentType, report.SizeBytes, report.Side, report.AddedByName));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), report.Sha256Hex);
        Assert.Equal([report.Id, photo.Id], (await ReadAsync(question.Id)).Attachments.Select(a => a.Id));

        var colleague = TestUsers.Rheumatologist(_hospital, "Dr. Collega");
        var download = await DownloadAsync(colleague, question.Id, report.Id, 200);
        var headers = download.Context.Response.Headers;
        Assert.Equal(pdf, await BytesOf(download));
        Assert.Equal("application/pdf", download.Context.Response.ContentType);
        var disposition = ContentDispositionHeaderValue.Parse(headers.ContentDisposition.ToString());
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("DEXA-verslag mevr. _.pdf", disposition.FileName);
        Assert.Contains("filename*=UTF-8''DEXA-verslag%20mevr.%20%C3%87.pdf", headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        Assert.Equal("DEXA-verslag mevr. Ç.pdf", disposition.FileNameStar);
        Assert.Equal("no-store", headers.CacheControl.ToString());
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());

        var image = await DownloadAsync(_rheumatologist, question.Id, photo.Id, 200);
        Assert.Equal(png, await BytesOf(image));
        Assert.Equal("image/png", image.Context.Response.ContentType);
    }

    [Fact]
    public async Task every_download_allowed_or_denied_is_written_to_the_access_log_as_an_export()
    {
        var question = await AQuestionAsync();
        var report = await AttachedAsync(_gp, question.Id, AFile(PdfHeader, 1000), "verslag.pdf", "application/pdf");

        await DownloadAsync(_rheumatologist, question.Id, report.Id, 200);
        await DownloadAsync(TestUsers.Gp(Guid.CreateVersion7()), question.Id, report.Id, 404);

        var exports = (await app.StoredForPatientAsync(question.PatientReference)).Where(a => a.Action == "Export").ToList();
        Assert.Equal(
            [("consultation.attachment", report.Id.ToString(), "Allowed", _rheumatologist.UserId.ToString()), ("consultation.attachment", report.Id.ToString(), "Denied", exports[1].UserId)],
            exports.Select(a => (a.Resource, a.ResourceId, a.Outcome, a.UserId)));
        Assert.NotEqual(_gp.UserId.ToString(), exports[1].UserId);
    }

    [Fact]
    public async Task the_timeline_shows_who_attached_what()
    {
        var question = await AQuestionAsync();
        await AttachedAsync(_rheumatologist, question.Id, AFile(PngHeader, 500), "schema.png", "image/png");

        var timeline = await (await app.Host.Scenario(s => { s.As(_gp); s.Get.Url($"/api/consultations/{question.Id}/timeline"); })).ReadAsJsonAsync<List<TimelineEntry>>();

        var entry = Assert.Single(timeline!, e => e.Kind == "attachment-added");
        Assert.Equal(("Dr. R. Reuma", "schema.png"), (entry.Who, entry.Text));
    }

    [Fact]
    public async Task a_file_over_10_mb_is_refused_with_a_413_problem_and_nothing_is_stored()
    {
        var question = await AQuestionAsync();

        var refused = await AttachAsync(_gp, question.Id, Upload(AFile(PdfHeader, 10 * 1024 * 1024 + 1), "groot.pdf", "application/pdf"), 413);

        Assert.Equal("Een bijlage mag hoogstens 10 MB zijn.", (await ProblemOf(refused)).GetProperty("detail").GetString());
        Assert.Empty((await ReadAsync(question.Id)).Attachments);
        Assert.Equal(0, await StoredContentsAsync(question.Id));
    }

    [Fact]
    public async Task an_upload_far_over_the_limit_is_cut_off_as_a_413_problem()
    {
        var question = await AQuestionAsync();

        var refused = await AttachAsync(_gp, question.Id, Upload(AFile(PdfHeader, 12 * 1024 * 1024), "groter.pdf", "application/pdf"), 413);

        var problem = await ProblemOf(refused);
        Assert.Equal((413, "Het verzoek is groter dan hier is toegestaan."), (problem.GetProperty("status").GetInt32(), problem.GetProperty("detail").GetString()));
        Assert.Equal(0, await StoredContentsAsync(question.Id));
    }

    [Fact]
    public async Task a_web_page_named_scan_pdf_is_refused_as_unsupported_and_nothing_is_stored()
    {
        var question = await AQuestionAsync();
        await AttachedAsync(_gp, question.Id, AFile(PdfHeader, 100), "echt.pdf", "application/pdf");
        var html = "<!DOCTYPE html><html><script>alert(1)</script></html>"u8.ToArray();

        var refused = await AttachAsync(_gp, question.Id, Upload(html, "scan.pdf", "application/pdf"), 415);

        Assert.StartsWith("Alleen PDF, JPEG of PNG", (await ProblemOf(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await ReadAsync(question.Id)).Attachments);
        Assert.Equal(1, await StoredContentsAsync(question.Id));
    }

    [Fact]
    public async Task an_upload_without_a_file_or_with_an_empty_one_is_a_400_on_the_file_field()
    {
        var question = await AQuestionAsync();

        var missing = await AttachAsync(_gp, question.Id, Upload(AFile(PdfHeader, 100), "x.pdf", "application/pdf", field: "document"), 400);
        var empty = await AttachAsync(_gp, question.Id, Upload([], "x.pdf", "application/pdf"), 400);

        Assert.Equal("Kies een bestand om toe te voegen.", (await ProblemOf(missing)).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal("Het bestand is leeg.", (await ProblemOf(empty)).GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task the_eleventh_attachment_is_a_conflict()
    {
        var question = await AQuestionAsync();
        for (var i = 0; i < AddAttachmentEndpoint.MaxPerQuestion; i++)
        {
            await AttachedAsync(i % 2 == 0 ? _gp : _rheumatologist, question.Id, AFile(PngHeader, 200), $"foto-{i}.png", "image/png");
        }

        var refused = await AttachAsync(_gp, question.Id, Upload(AFile(PngHeader, 200), "foto-11.png", "image/png"), 409);

        Assert.Contains("al 10 bijlagen", (await ProblemOf(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, await StoredContentsAsync(question.Id));
    }

    [Fact]
    public async Task a_gp_of_another_practice_and_a_specialist_of_another_hospital_get_404_for_upload_and_download()
    {
        var question = await AQuestionAsync();
        var report = await AttachedAsync(_gp, question.Id, AFile(PdfHeader, 1000), "verslag.pdf", "application/pdf");
        var otherHospital = Guid.CreateVersion7();
        await OpenConsultationPools.OpenAsync(app.Store, otherHospital, "Ander ziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);

        foreach (var stranger in new[] { TestUsers.Gp(Guid.CreateVersion7()), TestUsers.Rheumatologist(otherHospital), TestUsers.Internist(_hospital) })
        {
            var upload = await AttachAsync(stranger, question.Id, Upload(AFile(PdfHeader, 1000), "van-buiten.pdf", "application/pdf"), 404);
            var download = await DownloadAsync(stranger, question.Id, report.Id, 404);
            Assert.DoesNotContain("verslag", await download.ReadAsTextAsync(), StringComparison.Ordinal);
            Assert.Equal(404, (await ProblemOf(upload)).GetProperty("status").GetInt32());
        }

        Assert.Equal(1, await StoredContentsAsync(question.Id));
    }

    [Fact]
    public async Task an_attachment_cannot_be_fetched_through_another_question_of_the_same_practice()
    {
        var mine = await AQuestionAsync();
        var other = await AQuestionAsync();
        var report = await AttachedAsync(_gp, other.Id, AFile(PdfHeader, 1000), "verslag.pdf", "application/pdf");

        await DownloadAsync(_gp, mine.Id, report.Id, 404);
        await DownloadAsync(_gp, mine.Id, Guid.CreateVersion7(), 404);
        await DownloadAsync(_gp, Guid.CreateVersion7(), report.Id, 404);

        await DownloadAsync(_gp, other.Id, report.Id, 200);
    }

    [Fact]
    public async Task the_bytes_are_not_kept_when_the_event_cannot_be_stored()
    {
        var question = await AQuestionAsync();
        var calendar = new WorkingDayCalendar(HolidayRules.Default);
        var form = new FormFile(new MemoryStream(AFile(PdfHeader, 1000)), 0, 1000, "file", "verslag.pdf");
        using var scope = app.Host.Services.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var outbox = scope.ServiceProvider.GetRequiredService<Wolverine.Marten.IMartenOutbox>();
        outbox.Enroll(session);
        var accessLog = app.WriterFor(_gp, DateTimeOffset.UtcNow);
        var (added, _) = await AddAttachmentEndpoint.AddAsync(question.Id, form, _gp, new(session, accessLog, outbox, calendar, TimeProvider.System), CancellationToken.None);
        Assert.NotNull(added);

        // Someone else changes the question in between: the stream version no longer matches.
        await app.Host.Scenario(s => { s.As(_rheumatologist); s.Post.Url($"/api/consultations/{question.Id}/claim"); });

        await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        Assert.Equal(0, await StoredContentsAsync(question.Id));
        Assert.Empty((await ReadAsync(question.Id)).Attachments);
    }

    [Fact]
    public async Task the_openapi_document_describes_the_upload_as_a_multipart_form_with_a_file()
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));

        using var document = JsonDocument.Parse(await result.ReadAsTextAsync());
        var paths = document.RootElement.GetProperty("paths");
        var upload = paths.GetProperty("/api/consultations/{id}/attachments").GetProperty("post");
        Assert.True(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(paths.GetProperty("/api/consultations/{id}/attachments/{attachmentId}").TryGetProperty("get", out _));
    }
}
