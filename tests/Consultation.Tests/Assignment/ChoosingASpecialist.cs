using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Absence;
using Schakel.Consultation.Assignment;
using Schakel.Consultation.Questions;

namespace Schakel.Consultation.Tests.Assignment;

public sealed class ChoosingASpecialist
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    private static Candidate A(string name, int open, DateTimeOffset? last = null, bool available = true) => new(Guid.CreateVersion7(), name, available, open, last);

    [Fact]
    public void an_automatic_pool_chooses_the_available_specialist_with_the_fewest_open_questions()
    {
        var busy = A("Dr. Aa", 3);
        var free = A("Dr. Zz", 1);

        var choice = AssignmentChoice.Choose(null, true, [busy, free]);

        Assert.Equal((free, AssignmentReasons.Automatic), choice);
    }

    [Fact]
    public void a_tie_goes_to_the_one_assigned_least_recently_then_by_name()
    {
        var recent = A("Dr. Aa", 1, Monday.AddHours(2));
        var earlier = A("Dr. Bb", 1, Monday);
        var never = A("Dr. Cc", 1);
        var alsoNever = A("Dr. Ca", 1);

        Assert.Equal(earlier, AssignmentChoice.Choose(null, true, [recent, earlier])!.Value.Specialist);
        Assert.Equal(alsoNever, AssignmentChoice.Choose(null, true, [recent, earlier, never, alsoNever])!.Value.Specialist);
    }

    [Fact]
    public void absent_or_unavailable_specialists_are_never_chosen_and_nobody_available_leaves_it_open()
    {
        var absent = A("Dr. Aa", 0, available: false);
        var present = A("Dr. Bb", 5);

        Assert.Equal(present, AssignmentChoice.Choose(null, true, [absent, present])!.Value.Specialist);
        Assert.Null(AssignmentChoice.Choose(null, true, [absent]));
        Assert.Null(AssignmentChoice.Choose(null, true, []));
    }

    [Fact]
    public void a_pool_that_does_not_assign_leaves_a_question_open()
    {
        Assert.Null(AssignmentChoice.Choose(null, false, [A("Dr. Aa", 0)]));
    }

    [Fact]
    public void a_named_available_specialist_gets_her_question_whatever_the_pools_mode_and_load()
    {
        var named = A("Dr. Zz", 9);
        var idle = A("Dr. Aa", 0);

        Assert.Equal((named, AssignmentReasons.Named), AssignmentChoice.Choose(named.UserId, false, [idle, named]));
        Assert.Equal((named, AssignmentReasons.Named), AssignmentChoice.Choose(named.UserId, true, [idle, named]));
    }

    [Fact]
    public void a_named_specialist_who_is_absent_or_unknown_leaves_it_to_the_pools_rule()
    {
        var named = A("Dr. Zz", 0, available: false);
        var idle = A("Dr. Aa", 2);

        Assert.Null(AssignmentChoice.Choose(named.UserId, false, [idle, named]));
        Assert.Null(AssignmentChoice.Choose(Guid.CreateVersion7(), false, [idle]));
        Assert.Equal((idle, AssignmentReasons.Automatic), AssignmentChoice.Choose(named.UserId, true, [idle, named]));
    }

    [Fact]
    public void candidates_count_only_questions_waiting_for_an_answer_and_remember_the_last_assignment()
    {
        var one = new CareProvider(Guid.CreateVersion7(), "Dr. Een", "een@test.example.nl", new HashSet<string> { SchakelRoles.Internist }, Guid.CreateVersion7(), SpecialtyPool.InternalMedicine);
        var two = one with { UserId = Guid.CreateVersion7(), Name = "Dr. Twee" };
        (Guid, QuestionStatus, DateTimeOffset?)[] held =
        [
            (one.UserId, QuestionStatus.Claimed, Monday),
            (one.UserId, QuestionStatus.AwaitingClarification, Monday.AddHours(1)),
            (one.UserId, QuestionStatus.Answered, Monday.AddHours(3)),
            (two.UserId, QuestionStatus.Closed, Monday.AddHours(2)),
        ];

        var candidates = AssignmentChoice.CandidatesOf([one, two], new HashSet<Guid> { two.UserId }, held);

        Assert.Equal(
            [new Candidate(one.UserId, "Dr. Een", true, 2, Monday.AddHours(3)), new Candidate(two.UserId, "Dr. Twee", false, 0, Monday.AddHours(2))],
            candidates);
    }
}

public sealed class BeingAbsent
{
    private static CareUser Specialist(SpecialtyPool? pool = SpecialtyPool.Rheumatology, string role = SchakelRoles.Rheumatologist)
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, "Dr. Reuma", new HashSet<string> { role }, Guid.CreateVersion7(), OrganisationKind.Hospital, "Ziekenhuis", pool, id, "Dr. Reuma", null);
    }

    [Fact]
    public void absent_through_the_last_day_in_amsterdam_and_present_the_day_after()
    {
        var availability = new SpecialistAvailability(Guid.CreateVersion7(), "Dr. Reuma", Guid.CreateVersion7(), SpecialtyPool.Rheumatology, true, null, new DateOnly(2026, 12, 1));

        // 23:30 UTC on 1 December is already 2 December in Amsterdam; 22:30 UTC is still the 1st.
        Assert.True(availability.IsAbsentAt(new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.Zero)));
        Assert.False(availability.IsAbsentAt(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void without_a_last_day_she_is_absent_until_she_ends_it()
    {
        var specialist = Specialist();
        var now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(1));
        var (marked, _) = AbsenceCommands.Decide(specialist, new MarkAbsence(null), now);

        var absent = SpecialistAvailability.Fold(null, marked!)!;
        var back = SpecialistAvailability.Fold(absent, AbsenceCommands.End(absent, specialist, now.AddDays(30))!)!;

        Assert.True(absent.IsAbsentAt(now.AddYears(1)));
        Assert.False(back.IsAbsentAt(now.AddDays(30)));
        Assert.Null(AbsenceCommands.End(back, specialist, now.AddDays(31)));
    }

    [Fact]
    public void a_last_day_in_the_past_is_a_field_error_and_today_is_fine()
    {
        // 00:30 on 2 December in Amsterdam, still 1 December in UTC.
        var now = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero);

        var (_, past) = AbsenceCommands.Decide(Specialist(), new MarkAbsence(new DateOnly(2026, 12, 1)), now);
        var (today, _) = AbsenceCommands.Decide(Specialist(), new MarkAbsence(new DateOnly(2026, 12, 2)), now);

        Assert.Equal(["De laatste dag van uw afwezigheid ligt in het verleden."], Assert.IsType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(past).Errors["until"]);
        Assert.NotNull(today);
    }

    [Fact]
    public void only_a_specialist_of_a_pool_marks_absence()
    {
        var (_, problem) = AbsenceCommands.Decide(Specialist(pool: null, role: SchakelRoles.OsteoporosisNurse), new MarkAbsence(null), DateTimeOffset.UtcNow);

        Assert.Equal(403, problem!.Status);
    }

    [Fact]
    public void only_the_questions_she_holds_and_that_wait_for_an_answer_go_back()
    {
        var she = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var claimed = AQuestion() with { Status = QuestionStatus.Claimed, ClaimedById = she, ClaimedByName = "Dr. Reuma", HeldSince = now };
        var waiting = claimed with { Status = QuestionStatus.AwaitingClarification };

        Assert.NotNull(AbsenceCommands.Return(claimed, she, "Dr. Reuma", ReturnReasons.Absence, now));
        Assert.Null(AbsenceCommands.Return(claimed with { Status = QuestionStatus.Answered }, she, "Dr. Reuma", ReturnReasons.Absence, now));
        Assert.Null(AbsenceCommands.Return(claimed, Guid.CreateVersion7(), "Dr. Ander", ReturnReasons.Absence, now));

        var open = claimed.Then(AbsenceCommands.Return(claimed, she, "Dr. Reuma", ReturnReasons.Absence, now)!);
        var stillWaiting = waiting.Then(AbsenceCommands.Return(waiting, she, "Dr. Reuma", ReturnReasons.Absence, now)!);
        Assert.Equal((QuestionStatus.Open, (Guid?)null), (open.Status, open.ClaimedById));
        Assert.Equal((QuestionStatus.AwaitingClarification, (Guid?)null, true), (stillWaiting.Status, stillWaiting.ClaimedById, stillWaiting.InPool));
    }

    [Fact]
    public void a_question_returned_while_waiting_for_the_gp_opens_for_the_pool_once_she_replies()
    {
        var she = Guid.CreateVersion7();
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));
        var waiting = AQuestion() with
        {
            Status = QuestionStatus.AwaitingClarification, ClaimedById = she, ClaimedByName = "Dr. Reuma", Pauses = [new(now, null)],
        };
        var returned = waiting.Then(AbsenceCommands.Return(waiting, she, "Dr. Reuma", ReturnReasons.Absence, now.AddHours(1))!);

        var replied = returned.Then(new ClarificationGiven(returned.Id, Guid.CreateVersion7(), "Dr. Huisarts", "Antwoord", now.AddHours(4), now.AddDays(2)));

        Assert.Equal((QuestionStatus.Open, true), (replied.Status, replied.InPool));
        Assert.All(replied.Pauses, p => Assert.NotNull(p.End));
    }

    private static Question AQuestion() => Question.Start(new QuestionPosted(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "Praktijk", Guid.CreateVersion7(), "Dr. Huisarts", Guid.CreateVersion7(), "Dr. Huisarts",
        Guid.CreateVersion7(), "Ziekenhuis", SpecialtyPool.Rheumatology, null, "pt-abc", new PatientDetails(new DateOnly(1950, 1, 1), Sex.Female, "P-1", null),
        DateTimeOffset.UtcNow, QuestionCategory.Other, "Vraag", ClinicalData.None, WouldRefer.No, false, 2, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(2)));
}
