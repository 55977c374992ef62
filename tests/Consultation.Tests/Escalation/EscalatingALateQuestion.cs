using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Escalation;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Tests.Escalation;

public sealed class EscalatingALateQuestion
{
    private static readonly WorkingDayCalendar Calendar = new(HolidayRules.Default);

    // Tuesday 24 November 2026, 10:00 in Amsterdam; a promise of 2 working days.
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));

    private static Question AQuestion()
    {
        var hospital = Guid.CreateVersion7();
        var gpId = Guid.CreateVersion7();
        var gp = new CareUser(gpId, "Dr. H", new HashSet<string> { SchakelRoles.GeneralPractitioner }, Guid.CreateVersion7(), OrganisationKind.GpPractice, "Praktijk", null, gpId, "Dr. H", null);
        var pool = new ConsultationPool(ConsultationPool.IdOf(hospital, SpecialtyPool.Rheumatology), hospital, "Ziekenhuis", SpecialtyPool.Rheumatology, 2, 1);
        var request = new PostQuestion(hospital, SpecialtyPool.Rheumatology, null, new PostQuestion.PatientInput(new DateOnly(1950, 1, 1), Sex.Female, "P-1", null),
            true, QuestionCategory.Other, "Vraag", null, WouldRefer.No, false);
        return Question.Start(PostQuestionEndpoint.Decide(Guid.CreateVersion7(), request, gp, pool, new PatientPseudonyms(new byte[32]), Calendar, Tuesday));
    }

    [Fact]
    public void checkpoints_fall_at_half_four_fifths_and_the_full_promise()
    {
        var question = AQuestion();

        var checkpoints = Escalations.For(question, Calendar);

        Assert.Equal([EscalationLevel.HalfTime, EscalationLevel.FourFifths, EscalationLevel.Deadline], checkpoints.Select(c => c.Message.Level));
        Assert.Equal(Tuesday.AddDays(1), checkpoints[0].At);
        Assert.True(checkpoints[0].At < checkpoints[1].At && checkpoints[1].At < checkpoints[2].At);
        Assert.Equal(question.DueAt, checkpoints[2].At);
    }

    [Fact]
    public void each_level_is_raised_once()
    {
        var question = AQuestion();
        var due = new EscalationDue(question.Id, EscalationLevel.HalfTime, question.DueAt);

        var first = Escalations.Decide(question, due, Tuesday.AddDays(1));
        var again = Escalations.Decide(question.Then(first!), due, Tuesday.AddDays(1).AddMinutes(1));

        Assert.NotNull(first);
        Assert.Null(again);
    }

    [Fact]
    public void nothing_is_raised_for_an_answered_question_a_paused_one_or_a_due_moment_that_moved()
    {
        var question = AQuestion();
        var specialist = Guid.CreateVersion7();
        var claimed = question.Then(new QuestionClaimed(question.Id, specialist, "Dr. R", Tuesday));
        var due = new EscalationDue(question.Id, EscalationLevel.Deadline, question.DueAt);

        Assert.Null(Escalations.Decide(claimed.Then(new QuestionAnswered(question.Id, specialist, "Dr. R", "Advies", AnswerOutcome.AdviceOnly, Tuesday)), due, Tuesday.AddDays(3)));
        Assert.Null(Escalations.Decide(claimed.Then(new ClarificationRequested(question.Id, specialist, "Dr. R", "?", Tuesday)), due, Tuesday.AddDays(3)));
        Assert.Null(Escalations.Decide(claimed, due with { DueAt = question.DueAt.AddHours(-1) }, Tuesday.AddDays(3)));
        Assert.NotNull(Escalations.Decide(claimed, due, Tuesday.AddDays(3)));
    }
}
