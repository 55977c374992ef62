using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Tests.Questions;

public sealed class DecidingQuestions
{
    private static readonly Guid Practice = Guid.CreateVersion7();
    private static readonly Guid Hospital = Guid.CreateVersion7();
    private static readonly ConsultationPool Rheumatology = new(ConsultationPool.IdOf(Hospital, SpecialtyPool.Rheumatology), Hospital, "Ziekenhuis", SpecialtyPool.Rheumatology, 2, 1);
    private static readonly PatientPseudonyms Pseudonyms = new(new byte[32]);
    private static readonly WorkingDayCalendar Calendar = new(HolidayRules.Default);

    // Tuesday 24 November 2026, 10:00 in Amsterdam.
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));

    private static CareUser Gp()
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, "Dr. Huisarts", new HashSet<string> { SchakelRoles.GeneralPractitioner }, Practice, OrganisationKind.GpPractice, "Praktijk", null, id, "Dr. Huisarts", null);
    }

    private static CareUser Nurse(CareUser gp) =>
        new(Guid.CreateVersion7(), "POH", new HashSet<string> { SchakelRoles.PracticeNurse }, Practice, OrganisationKind.GpPractice, "Praktijk", null, gp.UserId, gp.Name, null);

    private static CareUser Specialist(string name = "Dr. Reuma")
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, name, new HashSet<string> { SchakelRoles.Rheumatologist }, Hospital, OrganisationKind.Hospital, "Ziekenhuis", SpecialtyPool.Rheumatology, id, name, null);
    }

    private static PostQuestion AQuestion(bool urgent = false, QuestionCategory category = QuestionCategory.Other) => new(
        Hospital, SpecialtyPool.Rheumatology, null,
        new PostQuestion.PatientInput(new DateOnly(1950, 1, 1), Sex.Female, "P-1", " 111 222 333 "),
        true, category, "  Vraag  ", null, WouldRefer.No, urgent);

    [Fact]
    public void a_question_is_due_after_the_pools_promise_in_working_days()
    {
        var posted = PostQuestionEndpoint.Decide(Guid.CreateVersion7(), AQuestion(), Gp(), Rheumatology, Pseudonyms, Calendar, Tuesday);

        Assert.Equal(Tuesday.AddDays(2), posted.DueAt);
        Assert.Equal(2, posted.PromiseWorkingDays);
    }

    [Fact]
    public void an_urgent_question_gets_the_shorter_promise()
    {
        var posted = PostQuestionEndpoint.Decide(Guid.CreateVersion7(), AQuestion(urgent: true), Gp(), Rheumatology, Pseudonyms, Calendar, Tuesday);

        Assert.Equal(Tuesday.AddDays(1), posted.DueAt);
    }

    [Fact]
    public void a_practice_nurse_posts_and_her_gp_is_responsible()
    {
        var gp = Gp();

        var posted = PostQuestionEndpoint.Decide(Guid.CreateVersion7(), AQuestion(), Nurse(gp), Rheumatology, Pseudonyms, Calendar, Tuesday);

        Assert.Equal(gp.UserId, posted.ResponsibleGpId);
        Assert.Equal("POH", posted.PostedByName);
    }

    [Fact]
    public void the_bsn_is_stored_without_spaces_and_the_text_trimmed()
    {
        var posted = PostQuestionEndpoint.Decide(Guid.CreateVersion7(), AQuestion(), Gp(), Rheumatology, Pseudonyms, Calendar, Tuesday);

        Assert.Equal("111222333", posted.Patient.Bsn);
        Assert.Equal("Vraag", posted.Text);
    }

    [Fact]
    public void a_question_about_stopping_denosumab_is_flagged()
    {
        var posted = PostQuestionEndpoint.Decide(Guid.CreateVersion7(), AQuestion(category: QuestionCategory.StoppingDenosumab), Gp(), Rheumatology, Pseudonyms, Calendar, Tuesday);

        Assert.True(Question.Start(posted).DenosumabFlag);
    }

    [Fact]
    public void an_open_question_is_claimed_and_a_claimed_one_is_a_conflict()
    {
        var question = Question.Start(PostQuestionEndpoint.Decide(Guid.CreateVersion7(), AQuestion(), Gp(), Rheumatology, Pseudonyms, Calendar, Tuesday));
        var first = Specialist("Dr. Een");

        var (claimed, problem) = ClaimQuestionEndpoint.Decide(question, first, absent: false, Tuesday.AddHours(1));
        Assert.Null(problem);
        var (again, conflict) = ClaimQuestionEndpoint.Decide(question.Then(claimed!), Specialist("Dr. Twee"), absent: false, Tuesday.AddHours(2));

        Assert.Null(again);
        Assert.Equal(409, conflict!.Status);
        Assert.Contains("Dr. Een", conflict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void the_validator_refuses_a_failing_elfproef_and_missing_consent_in_dutch()
    {
        var validator = new PostQuestion.Validator(TimeProvider.System);
        var request = AQuestion() with { ConsentRecorded = false, Patient = new PostQuestion.PatientInput(new DateOnly(1950, 1, 1), Sex.Female, "P-1", "123456789") };

        var messages = validator.Validate(request).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Contains("Dit BSN klopt niet (de elfproef faalt). Controleer de negen cijfers.", messages);
        Assert.Contains("Leg vast dat de patiënt toestemming gaf voor deze consultatie.", messages);
    }

    [Fact]
    public void clarifications_and_advice_need_text_within_the_question_length()
    {
        Assert.Equal(["Schrijf wat u van de huisarts wilt weten."], new RequestClarification.Validator().Validate(new RequestClarification("")).Errors.Select(e => e.ErrorMessage));
        Assert.Equal(["Schrijf uw verduidelijking."], new GiveClarification.Validator().Validate(new GiveClarification(" ")).Errors.Select(e => e.ErrorMessage));
        Assert.False(new AnswerQuestion.Validator().Validate(new AnswerQuestion(new string('x', PostQuestion.MaxTextLength + 1), AnswerOutcome.AdviceOnly)).IsValid);
    }
}
