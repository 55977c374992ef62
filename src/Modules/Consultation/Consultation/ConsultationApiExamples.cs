using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Api;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Absence;
using Schakel.Consultation.Assignment;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;

namespace Schakel.Consultation;

/// <summary>
/// The examples the OpenAPI document shows for the consultation API, for the HIS vendors who code
/// against it. Fictitious people and patients; real request and response types.
/// </summary>
public static class ConsultationApiExamples
{
    private static readonly Guid QuestionId = Guid.Parse("019a8f2e-5c1d-7b3a-9e44-2d6f1a0b7c91");
    private static readonly Guid PracticeId = Guid.Parse("019a8f2e-0000-7000-8000-00000000a001");
    private static readonly Guid HospitalId = Guid.Parse("019a8f2e-0000-7000-8000-00000000b001");
    private static readonly Guid SpecialistId = Guid.Parse("019a8f2e-0000-7000-8000-00000000c001");
    private static readonly DateTimeOffset Posted = new(2026, 11, 23, 9, 12, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset Due = new(2026, 11, 25, 9, 12, 0, TimeSpan.FromHours(1));

    private static readonly ClinicalData Clinical = new(
        [new Fracture("distale radius links", new DateOnly(2026, 9, 30))],
        [new DexaResult(DexaSite.LumbarSpine, -2.7m, new DateOnly(2026, 10, 21)), new DexaResult(DexaSite.TotalHip, -2.1m, new DateOnly(2026, 10, 21))],
        0,
        [new LabValue("eGFR", "28", "ml/min/1,73m²", new DateOnly(2026, 10, 14))],
        [],
        null,
        1);

    public static readonly PostQuestion Post = new(
        HospitalId, SpecialtyPool.InternalMedicine, null,
        new PostQuestion.PatientInput(new DateOnly(1950, 3, 14), Sex.Female, "HIS-20431", null),
        true, QuestionCategory.ChoiceOfDrug,
        "Vrouw, 76 jaar, polsfractuur na val, T-score LWK -2,7. eGFR 28: welk middel adviseert u?",
        Clinical, WouldRefer.Yes, false);

    private static readonly QuestionView Posted_ = new(
        QuestionId, QuestionStatus.Open, "pt-bcdfghjklmnpqrstvwxzbcd", new PatientDetails(new DateOnly(1950, 3, 14), Sex.Female, "HIS-20431", null),
        QuestionCategory.ChoiceOfDrug, Post.Text, Clinical, WouldRefer.Yes, false, false, PracticeId, "Huisartsenpraktijk De Linde",
        "Dr. A. de Vries", "Dr. A. de Vries", HospitalId, "Ziekenhuis Hart van Brabant", SpecialtyPool.InternalMedicine, 2, Posted, Due,
        null, null, null, null, null, [], null, Posted);

    private static readonly QuestionView Claimed = Posted_ with { Status = QuestionStatus.Claimed, ClaimedById = SpecialistId, ClaimedByName = "Dr. K. Bakker" };

    private static readonly QuestionView Answered = Claimed with
    {
        Status = QuestionStatus.Answered,
        Advice = "Geen orale bisfosfonaat bij eGFR < 35. Advies: denosumab 60 mg s.c. elk half jaar, calcium en vitamine D; niet zonder vervolgbehandeling stoppen.",
        Outcome = AnswerOutcome.AdviceOnly,
    };

    private static readonly ProblemDetails NotVisible = Problem.NotFound("Deze consultatievraag bestaat niet, of u mag haar niet zien.");

    public static readonly ApiExamples All = new(
    [
        new("POST", "/api/consultations",
            "Posts a question for a patient of the caller's practice to a hospital pool. Send an Idempotency-Key header (any unique string per question): a retry with the same key returns the first question (200) instead of a second one. The response promise (working days, Europe/Amsterdam, Dutch holidays skipped) sets dueAt.",
            Post, Posted_,
            [
                Problem.Invalid(new Dictionary<string, string[]>
                {
                    ["patient.bsn"] = ["Dit BSN klopt niet (de elfproef faalt). Controleer de negen cijfers."],
                    ["consentRecorded"] = ["Leg vast dat de patiënt toestemming gaf voor deze consultatie."],
                }),
            ]),
        new("GET", "/api/consultations",
            "The questions the caller may see: her practice's (GP side) or her pool's (specialist side), ordered by due moment. Filters: status, late=true.",
            null,
            new[] { new QuestionListItem(QuestionId, QuestionStatus.Open, Posted_.PatientReference, QuestionCategory.ChoiceOfDrug, false, false, "Huisartsenpraktijk De Linde", "Ziekenhuis Hart van Brabant", SpecialtyPool.InternalMedicine, Posted, Due, false, null) },
            []),
        new("GET", "/api/consultations/{id}",
            "One question with its patient, clinical data, status, due moment and answer. Every read is access-logged (NEN 7513).",
            null, Answered, [NotVisible]),
        new("POST", "/api/consultations/{id}/claim",
            "A specialist of the pool takes the question on. When two claim at once, one wins and the other gets 409.",
            null, Claimed,
            [NotVisible, Problem.Forbidden("Alleen een specialist van de pool kan een vraag oppakken."), Problem.Conflict("Dr. J. Schellekens heeft deze vraag al opgepakt.")]),
        new("POST", "/api/consultations/{id}/clarification-requests",
            "The specialist who holds the question asks the GP for more; the response clock pauses until the GP replies.",
            new RequestClarification("Wat is het serumcalcium en de 25-OH-vitamine D?"), Claimed with { Status = QuestionStatus.AwaitingClarification },
            [NotVisible, Problem.Forbidden("Dr. K. Bakker heeft deze vraag opgepakt."), Problem.Conflict("Vraag om verduidelijking bij een vraag die u heeft opgepakt.")]),
        new("POST", "/api/consultations/{id}/clarifications",
            "The GP's practice replies to a clarification request; the clock runs again and dueAt moves by the pause.",
            new GiveClarification("Calcium 2,38 mmol/l, 25-OH-vitamine D 41 nmol/l (14-10-2026)."), Claimed with { DueAt = Due.AddDays(1) },
            [NotVisible, Problem.Conflict("De specialist heeft (nu) niet om verduidelijking gevraagd.")]),
        new("POST", "/api/consultations/{id}/messages",
            "A message on the question's conversation, from either side. Messages are never edited: a correction is a new message naming the one it corrects (corrects).",
            new PostMessage("Aanvulling: patiënte gebruikt sinds kort omeprazol.", null), Claimed,
            [NotVisible, Problem.Conflict("Deze vraag is afgesloten; stel zo nodig een nieuwe vraag.")]),
        new("POST", "/api/consultations/{id}/answer",
            "The specialist who holds the question answers with advice and an outcome. ReferralAdvised offers the GP a ready referral in the Referral module.",
            new AnswerQuestion(Answered.Advice!, AnswerOutcome.AdviceOnly), Answered,
            [NotVisible, Problem.Forbidden("Dr. J. Schellekens heeft deze vraag opgepakt; alleen zij of hij beantwoordt haar."), Problem.Conflict("Pak de vraag eerst op.")]),
        new("POST", "/api/consultations/{id}/close",
            "The GP's practice closes an answered question: did the consultation avoid a referral, and how useful was it (1-5).",
            new CloseQuestion(true, 5), Answered with { Status = QuestionStatus.Closed, AvoidedReferral = true, Usefulness = 5 },
            [NotVisible, Problem.Conflict("Alleen een beantwoorde vraag kan worden afgesloten.")]),
        new("POST", "/api/consultations/{id}/withdraw",
            "The GP's practice withdraws a question that has no answer yet.",
            null, Posted_ with { Status = QuestionStatus.Withdrawn },
            [NotVisible, Problem.Conflict("Een beantwoorde of afgesloten vraag kan niet meer worden ingetrokken.")]),
        new("POST", "/api/consultations/{id}/handover",
            "The specialist who holds the question hands it to an available colleague of the same pool; status and due moment stay as they were.",
            new HandOverQuestion(Guid.Parse("019a8f2e-0000-7000-8000-00000000c002"), "Jij kent deze patiënte van de polikliniek."), Claimed with { ClaimedById = Guid.Parse("019a8f2e-0000-7000-8000-00000000c002"), ClaimedByName = "Dr. J. Schellekens" },
            [
                Problem.Invalid(new Dictionary<string, string[]> { ["toSpecialistId"] = ["Dr. J. Schellekens is afwezig gemeld; kies een andere collega."] }),
                NotVisible,
                Problem.Forbidden("Dr. K. Bakker heeft deze vraag opgepakt; alleen zij of hij draagt haar over."),
                Problem.Conflict("Alleen een opgepakte vraag die nog op een antwoord wacht kan worden overgedragen."),
            ]),
        new("POST", "/api/consultations/{id}/follow-up-questions",
            "The GP's practice asks a follow-up on the answer: the question reopens with a new response promise counted from now, for the specialist who answered (or the pool when she is not available).",
            new AskFollowUp("En als zij onder denosumab toch een nieuwe fractuur krijgt?"), Claimed with { PromiseStartedAt = Posted.AddDays(2), DueAt = Due.AddDays(2) },
            [
                NotVisible,
                Problem.Forbidden("Alleen de vragende praktijk stelt een vervolgvraag."),
                Problem.Conflict("Een vervolgvraag kan alleen op een beantwoorde vraag die nog niet is afgesloten."),
            ]),
        new("GET", "/api/consultations/absence",
            "Whether the calling specialist is marked absent, and until which day.",
            null, new AbsenceView(false, null, null, 0), []),
        new("PUT", "/api/consultations/absence",
            "The calling specialist marks herself absent from now, optionally until a last day (Europe/Amsterdam). The questions she holds go back to her pool in the same transaction; she gets no new ones while absent.",
            new MarkAbsence(new DateOnly(2026, 12, 4)), new AbsenceView(true, Posted, new DateOnly(2026, 12, 4), 3),
            [
                Problem.Invalid(new Dictionary<string, string[]> { ["until"] = ["De laatste dag van uw afwezigheid ligt in het verleden."] }),
                Problem.Forbidden("Alleen een specialist van een consultatiepool kan zich afwezig melden."),
            ]),
        new("DELETE", "/api/consultations/absence",
            "The calling specialist is present again (changes nothing when she was not absent).",
            null, new AbsenceView(false, null, null, 0), []),
        new("PUT", "/api/consultations/pools/{hospitalId}/{pool}/assignment",
            "The regional coordinator, or the hospital's osteoporosis nurse, lets the pool assign new questions automatically to the available specialist with the fewest open questions (or lets specialists claim them).",
            new SwitchPoolAssignment(true),
            new ConsultationPool(ConsultationPool.IdOf(HospitalId, SpecialtyPool.InternalMedicine), HospitalId, "Ziekenhuis Hart van Brabant", SpecialtyPool.InternalMedicine, 2, 1, AssignAutomatically: true),
            [
                Problem.NotFound("Dit ziekenhuis heeft geen consultatielijn voor dit specialisme."),
                Problem.Forbidden("Alleen de coördinator of de osteoporoseverpleegkundige van dit ziekenhuis stelt de toewijzing van een pool in."),
            ]),
        new("GET", "/api/consultations/{id}/timeline",
            "The question's history, from its event stream, oldest first.",
            null,
            new[]
            {
                new TimelineEntry(1, Posted, "posted", "Dr. A. de Vries", Post.Text),
                new TimelineEntry(2, Posted.AddHours(2), "claimed", "Dr. K. Bakker", null),
                new TimelineEntry(3, Posted.AddHours(5), "answered", "Dr. K. Bakker", Answered.Advice),
            },
            [NotVisible]),
        new("POST", "/api/consultations/{id}/attachments",
            "Either side attaches a PDF, JPEG or PNG (multipart/form-data, one field 'file'): at most 10 MB, 10 per question. The type is read from the file's first bytes, never from its name or declared type; the name is kept for display only.",
            null,
            new AttachmentInfo(Guid.Parse("019a8f30-1111-7000-8000-0000000d0001"), "DEXA-verslag.pdf", "application/pdf", 248_311, "9f2c4e0b5d7a1c3e6f8092a4b6c8d0e2f4a6b8c0d2e4f6081a3c5e7092b4d6f8", PracticeId, "Dr. A. de Vries", "gp", Posted.AddMinutes(3)),
            [
                Problem.Invalid(new Dictionary<string, string[]> { ["file"] = ["Kies een bestand om toe te voegen."] }),
                NotVisible,
                Problem.Conflict("Deze vraag heeft al 10 bijlagen; meer kan niet."),
                Problem.TooLarge("Een bijlage mag hoogstens 10 MB zijn."),
                Problem.UnsupportedMediaType("Alleen PDF, JPEG of PNG kan als bijlage worden toegevoegd; dit bestand is geen van drieën, wat de naam ook zegt."),
            ]),
        new("GET", "/api/consultations/{id}/attachments/{attachmentId}",
            "The attachment's bytes, with its detected type and Content-Disposition: attachment. Only the two sides of the question; every download is access-logged.",
            null, null,
            [Problem.NotFound("Deze bijlage bestaat niet, of u mag haar niet zien.")]),
        new("GET", "/api/consultations/pools",
            "The hospital pools that answer questions, with their response promise in working days (normal and urgent).",
            null,
            new[] { new ConsultationPool(ConsultationPool.IdOf(HospitalId, SpecialtyPool.InternalMedicine), HospitalId, "Ziekenhuis Hart van Brabant", SpecialtyPool.InternalMedicine, 2, 1) },
            []),
        new("GET", "/api/consultations/overview",
            "For the regional coordinator: open, late, waiting and answered questions per pool. Counts only, no patient data.",
            null,
            new[] { new PoolLoad("Ziekenhuis Hart van Brabant", SpecialtyPool.InternalMedicine, 7, 1, 2, 31) },
            []),
    ]);
}
