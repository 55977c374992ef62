using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Escalation;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Tests.Questions;

public sealed class HandingOverAndFollowingUp
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

    private static CareUser Specialist(string name = "Dr. Reuma", Guid? hospital = null, SpecialtyPool pool = SpecialtyPool.Rheumatology)
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, name, new HashSet<string> { SchakelRoles.Rheumatologist }, hospital ?? Hospital, OrganisationKind.Hospital, "Ziekenhuis", pool, id, name, null);
    }

    private static CareProvider InDirectory(CareUser user) =>
        new(user.UserId, user.Name, $"{user.UserId:N}@test.example.nl", user.Roles, user.OrganisationId, user.Pool);

    private static Question Posted(bool urgent = false) => Question.Start(PostQuestionEndpoint.Decide(
        Guid.CreateVersion7(),
        new PostQuestion(Hospital, SpecialtyPool.Rheumatology, null, new PostQuestion.PatientInput(new DateOnly(1950, 1, 1), Sex.Female, "P-1", null),
            true, QuestionCategory.Other, "Vraag", null, WouldRefer.No, urgent),
        Gp(), Rheumatology, Pseudonyms, Calendar, Tuesday));

    private static Question ClaimedBy(CareUser specialist, bool urgent = false)
    {
        var question = Posted(urgent);
        return question.Then(ClaimQuestionEndpoint.Decide(question, specialist, absent: false, Tuesday.AddHours(1)).Claimed!);
    }

    private static Question AnsweredBy(CareUser specialist, bool urgent = false)
    {
        var claimed = ClaimedBy(specialist, urgent);
        return claimed.Then(AnswerQuestionEndpoint.Decide(claimed, specialist, new AnswerQuestion("Advies", AnswerOutcome.AdviceOnly), Tuesday.AddHours(2)).Item1!);
    }

    [Fact]
    public void the_holder_hands_over_to_an_available_colleague_who_then_holds_it_with_the_same_status_and_promise()
    {
        var holder = Specialist("Dr. Een");
        var colleague = Specialist("Dr. Twee");
        var question = ClaimedBy(holder);

        var (change, problem) = HandOverQuestionEndpoint.Decide(question, holder, new HandOverQuestion(colleague.UserId, "  Graag jij, ik ben weg  "), InDirectory(colleague), false, Tuesday.AddHours(3));

        Assert.Null(problem);
        var handed = Assert.IsType<QuestionHandedOver>(change);
        Assert.Equal("Graag jij, ik ben weg", handed.Note);
        var after = question.Then(handed);
        Assert.Equal((QuestionStatus.Claimed, colleague.UserId, "Dr. Twee", question.DueAt), (after.Status, after.ClaimedById, after.ClaimedByName, after.DueAt));
    }

    [Fact]
    public void a_question_waiting_for_the_gp_can_be_handed_over_and_keeps_waiting()
    {
        var holder = Specialist();
        var colleague = Specialist("Dr. Twee");
        var claimed = ClaimedBy(holder);
        var waiting = claimed.Then(RequestClarificationEndpoint.Decide(claimed, holder, new RequestClarification("Welke eGFR?"), Tuesday.AddHours(2)).Item1!);

        var (change, _) = HandOverQuestionEndpoint.Decide(waiting, holder, new HandOverQuestion(colleague.UserId, null), InDirectory(colleague), false, Tuesday.AddHours(3));

        Assert.Equal(QuestionStatus.AwaitingClarification, waiting.Then(change!).Status);
    }

    [Fact]
    public void only_the_holder_hands_over_and_only_a_held_question()
    {
        var holder = Specialist("Dr. Een");
        var other = Specialist("Dr. Twee");
        var colleague = Specialist("Dr. Drie");

        var (_, notYours) = HandOverQuestionEndpoint.Decide(ClaimedBy(holder), other, new HandOverQuestion(colleague.UserId, null), InDirectory(colleague), false, Tuesday);
        var (_, open) = HandOverQuestionEndpoint.Decide(Posted(), holder, new HandOverQuestion(colleague.UserId, null), InDirectory(colleague), false, Tuesday);
        var (_, answered) = HandOverQuestionEndpoint.Decide(AnsweredBy(holder), holder, new HandOverQuestion(colleague.UserId, null), InDirectory(colleague), false, Tuesday);

        Assert.Equal((403, 409, 409), (notYours!.Status, open!.Status, answered!.Status));
    }

    [Theory]
    [InlineData("elsewhere", "Kies een actieve specialist van deze pool.")]
    [InlineData("other-pool", "Kies een actieve specialist van deze pool.")]
    [InlineData("unknown", "Kies een actieve specialist van deze pool.")]
    [InlineData("nurse", "Kies een actieve specialist van deze pool.")]
    [InlineData("herself", "U heeft deze vraag zelf al; kies een collega.")]
    [InlineData("absent", "Dr. Twee is afwezig gemeld; kies een andere collega.")]
    public void the_colleague_must_be_an_available_specialist_of_the_same_pool_else_a_field_error(string who, string message)
    {
        var holder = Specialist("Dr. Een");
        var colleague = Specialist("Dr. Twee");
        var (target, provider, absent) = who switch
        {
            "elsewhere" => (colleague.UserId, InDirectory(colleague) with { OrganisationId = Guid.CreateVersion7() }, false),
            "other-pool" => (colleague.UserId, InDirectory(colleague) with { Pool = SpecialtyPool.InternalMedicine }, false),
            "unknown" => (colleague.UserId, (CareProvider?)null, false),
            "nurse" => (colleague.UserId, InDirectory(colleague) with { Roles = new HashSet<string> { SchakelRoles.OsteoporosisNurse } }, false),
            "herself" => (holder.UserId, InDirectory(holder), false),
            _ => (colleague.UserId, InDirectory(colleague), true),
        };

        var (change, problem) = HandOverQuestionEndpoint.Decide(ClaimedBy(holder), holder, new HandOverQuestion(target, null), provider, absent, Tuesday);

        Assert.Null(change);
        var invalid = Assert.IsType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(problem);
        Assert.Equal(400, invalid.Status);
        Assert.Equal([message], invalid.Errors["toSpecialistId"]);
    }

    [Fact]
    public void a_follow_up_reopens_the_answer_with_a_new_promise_from_now_for_the_specialist_who_answered()
    {
        var answerer = Specialist("Dr. Een");
        var answered = AnsweredBy(answerer);
        // Friday 27 November 2026, 15:00: two working days later is Tuesday 1 December, 15:00 (the weekend skipped).
        var friday = new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(1));

        var (change, problem) = AskFollowUpEndpoint.Decide(answered, Gp(), new AskFollowUp(" En de dosis? "), InDirectory(answerer), false, Calendar, friday);

        Assert.Null(problem);
        var asked = Assert.IsType<FollowUpAsked>(change);
        Assert.Equal(("En de dosis?", friday, new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.FromHours(1))), (asked.Text, asked.PromiseStartedAt, asked.NewDueAt));
        var after = answered.Then(asked);
        Assert.Equal((QuestionStatus.Claimed, answerer.UserId, friday, asked.NewDueAt), (after.Status, after.ClaimedById, after.PromiseStartedAt, after.DueAt));
    }

    [Fact]
    public void an_urgent_question_keeps_its_urgent_promise_on_a_follow_up()
    {
        var answerer = Specialist();
        var answered = AnsweredBy(answerer, urgent: true);
        var later = Tuesday.AddDays(1);

        var (change, _) = AskFollowUpEndpoint.Decide(answered, Gp(), new AskFollowUp("Nog iets"), InDirectory(answerer), false, Calendar, later);

        Assert.Equal(later.AddDays(1), Assert.IsType<FollowUpAsked>(change).NewDueAt);
    }

    [Fact]
    public void a_follow_up_resets_pauses_and_raised_escalations_and_the_checkpoints_follow_the_new_promise()
    {
        var answerer = Specialist();
        var claimed = ClaimedBy(answerer);
        var waited = claimed
            .Then(RequestClarificationEndpoint.Decide(claimed, answerer, new RequestClarification("eGFR?"), Tuesday.AddHours(2)).Item1!)
            .Then(new ClarificationGiven(claimed.Id, Guid.CreateVersion7(), "Dr. Huisarts", "45", Tuesday.AddHours(5), Tuesday.AddDays(2).AddHours(3)));
        var escalated = waited.Then(new EscalationRaised(claimed.Id, EscalationLevel.HalfTime, waited.DueAt, answerer.UserId, Tuesday.AddDays(1)));
        var answered = escalated.Then(AnswerQuestionEndpoint.Decide(escalated, answerer, new AnswerQuestion("Advies", AnswerOutcome.AdviceOnly), Tuesday.AddDays(1).AddHours(1)).Item1!);
        var now = Tuesday.AddDays(7);

        var reopened = answered.Then(AskFollowUpEndpoint.Decide(answered, Gp(), new AskFollowUp("En nu?"), InDirectory(answerer), false, Calendar, now).Item1!);

        Assert.Empty(reopened.Pauses);
        Assert.Empty(reopened.Escalations);
        var checkpoints = Escalations.For(reopened, Calendar);
        // Half of two working days from Tuesday 1 December 10:00 is Wednesday 10:00.
        Assert.Equal([now.AddDays(1), now.AddDays(1).AddHours(14.4), now.AddDays(2)], checkpoints.Select(c => c.At));
    }

    [Fact]
    public void a_clarification_after_a_follow_up_moves_the_new_due_moment_not_the_first_one()
    {
        var answerer = Specialist();
        var answered = AnsweredBy(answerer);
        var monday = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(1));
        var reopened = answered.Then(AskFollowUpEndpoint.Decide(answered, Gp(), new AskFollowUp("En nu?"), InDirectory(answerer), false, Calendar, monday).Item1!);
        var waiting = reopened.Then(RequestClarificationEndpoint.Decide(reopened, answerer, new RequestClarification("Welke dosis?"), monday.AddHours(2)).Item1!);

        var (given, _) = GiveClarificationEndpoint.Decide(waiting, Gp(), new GiveClarification("70 mg"), Calendar, monday.AddHours(5));

        // Monday 10:00 + 2 working days = Wednesday 10:00, plus the three paused hours.
        Assert.Equal(monday.AddDays(2).AddHours(3), Assert.IsType<ClarificationGiven>(given).NewDueAt);
    }

    [Fact]
    public void a_follow_up_goes_to_the_pool_when_the_answerer_is_absent_or_gone()
    {
        var answerer = Specialist();
        var answered = AnsweredBy(answerer);

        var (absent, _) = AskFollowUpEndpoint.Decide(answered, Gp(), new AskFollowUp("En nu?"), InDirectory(answerer), true, Calendar, Tuesday.AddDays(1));
        var (gone, _) = AskFollowUpEndpoint.Decide(answered, Gp(), new AskFollowUp("En nu?"), null, false, Calendar, Tuesday.AddDays(1));

        foreach (var change in new[] { absent, gone })
        {
            var after = answered.Then(change!);
            Assert.Equal((QuestionStatus.Open, (Guid?)null, true), (after.Status, after.ClaimedById, after.InPool));
        }
    }

    [Fact]
    public void only_the_asking_side_asks_a_follow_up_and_only_on_an_answered_question()
    {
        var answerer = Specialist();

        var (_, specialistSide) = AskFollowUpEndpoint.Decide(AnsweredBy(answerer), answerer, new AskFollowUp("?"), InDirectory(answerer), false, Calendar, Tuesday);
        var (_, notAnswered) = AskFollowUpEndpoint.Decide(ClaimedBy(answerer), Gp(), new AskFollowUp("?"), InDirectory(answerer), false, Calendar, Tuesday);
        var closed = AnsweredBy(answerer);
        closed = closed.Then(CloseQuestionEndpoint.Decide(closed, Gp(), new CloseQuestion(true, 5), Tuesday.AddHours(3)).Item1!);
        var (_, afterClosing) = AskFollowUpEndpoint.Decide(closed, Gp(), new AskFollowUp("?"), InDirectory(answerer), false, Calendar, Tuesday.AddHours(4));

        Assert.Equal((403, 409, 409), (specialistSide!.Status, notAnswered!.Status, afterClosing!.Status));
    }

    [Fact]
    public void an_absent_specialist_cannot_claim()
    {
        var (claimed, problem) = ClaimQuestionEndpoint.Decide(Posted(), Specialist(), absent: true, Tuesday);

        Assert.Null(claimed);
        Assert.Equal(409, problem!.Status);
        Assert.Contains("afwezig", problem.Detail, StringComparison.Ordinal);
    }
}
