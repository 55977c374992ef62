using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Attachments;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Tests.Attachments;

/// <summary>What a file is (from its bytes), what it is called, and when a question takes it.</summary>
public sealed class AttachingFiles
{
    private static readonly Guid Practice = Guid.CreateVersion7();
    private static readonly Guid Hospital = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];
    private static readonly byte[] Pdf = "%PDF-1.7\n%âãÏÓ"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46];

    private static CareUser Gp()
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, "Dr. Huisarts", new HashSet<string> { SchakelRoles.GeneralPractitioner }, Practice, OrganisationKind.GpPractice, "Praktijk", null, id, "Dr. Huisarts", null);
    }

    private static CareUser Specialist()
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, "Dr. Reuma", new HashSet<string> { SchakelRoles.Rheumatologist }, Hospital, OrganisationKind.Hospital, "Ziekenhuis", SpecialtyPool.Rheumatology, id, "Dr. Reuma", null);
    }

    private static Question AQuestion()
    {
        var pool = new ConsultationPool(ConsultationPool.IdOf(Hospital, SpecialtyPool.Rheumatology), Hospital, "Ziekenhuis", SpecialtyPool.Rheumatology, 2, 1);
        var request = new PostQuestion(Hospital, SpecialtyPool.Rheumatology, null, new PostQuestion.PatientInput(new DateOnly(1950, 1, 1), Sex.Female, "P-1", null),
            true, QuestionCategory.Other, "Vraag", null, WouldRefer.No, false);
        return Question.Start(PostQuestionEndpoint.Decide(Guid.CreateVersion7(), request, Gp(), pool, new PatientPseudonyms(new byte[32]), new WorkingDayCalendar(HolidayRules.Default), Now));
    }

    private static (object? Event, Microsoft.AspNetCore.Mvc.ProblemDetails? Problem) Attach(Question question, byte[] content, string name = "scan.pdf", CareUser? by = null) =>
        AddAttachmentEndpoint.Decide(question, by ?? Gp(), AddAttachmentEndpoint.Facts(name, content), Guid.CreateVersion7(), Now);

    private static Question Attached(Question question, int count)
    {
        for (var i = 0; i < count; i++)
        {
            question = question.Then(Attach(question, Png, $"foto-{i}.png").Event!);
        }

        return question;
    }

    [Theory]
    [InlineData("pdf", AttachmentKind.Pdf)]
    [InlineData("png", AttachmentKind.Png)]
    [InlineData("jpeg", AttachmentKind.Jpeg)]
    public void the_kind_is_read_from_the_first_bytes(string sample, AttachmentKind expected)
    {
        var bytes = sample switch { "pdf" => Pdf, "png" => Png, _ => Jpeg };

        Assert.Equal(expected, FileSignature.Detect(bytes));
    }

    [Fact]
    public void a_png_named_pdf_is_a_png_and_keeps_a_png_name()
    {
        var (e, _) = Attach(AQuestion(), Png, "uitslag.pdf");

        var added = Assert.IsType<AttachmentAdded>(e);
        Assert.Equal(("image/png", "uitslag.png"), (added.ContentType, added.FileName));
    }

    [Theory]
    [InlineData("MZ\u0090\u0000\u0003\u0000\u0000\u0000")]
    [InlineData("<!DOCTYPE html><html><script>alert(1)</script>")]
    [InlineData(" %PDF-1.7")]
    [InlineData("%PDF")]
    [InlineData("GIF89a")]
    public void an_executable_a_web_page_or_a_cut_short_header_is_none_of_the_kinds_whatever_its_name(string start)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(start);

        Assert.Null(FileSignature.Detect(bytes));
        Assert.Equal(415, Attach(AQuestion(), bytes, "scan.pdf").Problem?.Status);
    }

    [Fact]
    public void a_png_header_cut_short_is_refused()
    {
        Assert.Null(FileSignature.Detect(Png.AsSpan(0, 7)));
        Assert.Null(FileSignature.Detect([0xFF, 0xD8]));
    }

    [Fact]
    public void a_file_of_exactly_10_mb_is_taken_and_one_byte_more_is_too_large()
    {
        var question = AQuestion();
        var limit = AddAttachmentEndpoint.MaxBytes;

        var atLimit = AddAttachmentEndpoint.Decide(question, Gp(), new UploadedFile("a.pdf", AttachmentKind.Pdf, limit, "ab"), Guid.CreateVersion7(), Now);
        var over = AddAttachmentEndpoint.Decide(question, Gp(), new UploadedFile("a.pdf", null, limit + 1, ""), Guid.CreateVersion7(), Now);

        Assert.IsType<AttachmentAdded>(atLimit.Item1);
        Assert.Equal((413, "Een bijlage mag hoogstens 10 MB zijn."), (over.Item2?.Status, over.Item2?.Detail));
    }

    [Fact]
    public void the_eleventh_attachment_is_a_conflict_and_the_tenth_is_not()
    {
        var nine = Attached(AQuestion(), 9);

        Assert.IsType<AttachmentAdded>(Attach(nine, Pdf).Event);
        Assert.Equal(409, Attach(Attached(nine, 1), Pdf).Problem?.Status);
    }

    [Fact]
    public void a_closed_or_withdrawn_question_takes_no_attachments()
    {
        var question = AQuestion();
        var gp = Gp();
        var withdrawn = question.Then(new QuestionWithdrawn(question.Id, gp.UserId, gp.Name, Now));
        var closed = question with { Status = QuestionStatus.Closed };

        Assert.Equal(409, Attach(withdrawn, Pdf).Problem?.Status);
        Assert.Equal(409, Attach(closed, Pdf).Problem?.Status);
        Assert.IsType<AttachmentAdded>(Attach(question with { Status = QuestionStatus.Answered }, Pdf).Event);
    }

    [Fact]
    public void either_side_attaches_and_the_question_lists_it_with_who_and_the_hash()
    {
        var question = AQuestion();
        var specialist = Specialist();

        var added = Assert.IsType<AttachmentAdded>(Attach(question, Jpeg, "foto.jpeg", specialist).Event);
        var listed = Assert.Single(question.Then(added).Attachments);

        Assert.Equal(("specialist", "Dr. Reuma", "foto.jpg", "image/jpeg", (long)Jpeg.Length), (listed.Side, listed.AddedByName, listed.FileName, listed.ContentType, listed.SizeBytes));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg)), listed.Sha256Hex);
        Assert.Equal("gp", Assert.IsType<AttachmentAdded>(Attach(question, Pdf).Event).Side);
    }

    [Theory]
    [InlineData("verslag.pdf", AttachmentKind.Pdf, "verslag.pdf")]
    [InlineData("C:\\Users\\huisarts\\Documenten\\verslag.pdf", AttachmentKind.Pdf, "verslag.pdf")]
    [InlineData("../../etc/passwd", AttachmentKind.Pdf, "passwd.pdf")]
    [InlineData("uitslag \"mevr.\" 'X'.PDF", AttachmentKind.Pdf, "uitslag mevr. X.pdf")]
    [InlineData("foto\r\nSet-Cookie: x.png", AttachmentKind.Png, "fotoSet-Cookie: x.png")]
    [InlineData("rapport\u202Efdp.exe", AttachmentKind.Pdf, "rapportfdp.pdf")]
    [InlineData("", AttachmentKind.Jpeg, "bijlage.jpg")]
    [InlineData(null, AttachmentKind.Png, "bijlage.png")]
    [InlineData(".pdf", AttachmentKind.Pdf, "bijlage.pdf")]
    [InlineData("scan", AttachmentKind.Png, "scan.png")]
    [InlineData("Ünïcode rapport.jpg", AttachmentKind.Jpeg, "Ünïcode rapport.jpg")]
    public void the_name_is_a_clean_display_name_with_the_extension_of_the_kind(string? offered, AttachmentKind kind, string expected) =>
        Assert.Equal(expected, AttachmentFileName.Clean(offered, kind));

    [Fact]
    public void a_long_name_is_cut_to_120_characters_keeping_the_extension()
    {
        var name = AttachmentFileName.Clean(new string('a', 300) + ".pdf", AttachmentKind.Pdf);

        Assert.Equal(AttachmentFileName.MaxLength, name.Length);
        Assert.EndsWith("aaa.pdf", name, StringComparison.Ordinal);
    }
}
