using Schakel.Consultation.Contracts;
using Schakel.Indicators.Facts;
using Schakel.Indicators.Records;
using Schakel.Referral.Contracts;
using Schakel.SocialMap.Contracts;

namespace Schakel.Indicators.Tests;

/// <summary>The records do not depend on the order the facts arrive in, and the same fact twice changes nothing.</summary>
public sealed class FoldingTheFacts
{
    private static readonly Guid Question = Guid.CreateVersion7();
    private static readonly DateTimeOffset Monday = new(2027, 4, 12, 9, 0, 0, TimeSpan.FromHours(2));

    private static ConsultationStepTakenIntegrationEvent Step(QuestionChange change, DateTimeOffset at, string? outcome = null, double? hours = null, DateTimeOffset? due = null) =>
        new(Question, Guid.Empty, "ref", change, "Testziekenhuis", Specialty.Rheumatology, outcome, at,
            HospitalId: Guid.Empty, PostedById: Guid.Empty, DueAt: due ?? Monday.AddDays(2),
            WouldReferWithout: change == QuestionChange.Posted ? "Yes" : null, WorkingHoursToAnswer: hours,
            AvoidedReferral: change == QuestionChange.Closed ? true : null, Usefulness: change == QuestionChange.Closed ? 4 : null);

    private static ConsultationRecord Fold(IEnumerable<ConsultationStepTakenIntegrationEvent> steps) =>
        steps.Aggregate((ConsultationRecord?)null, (r, e) => ConsultationRecord.Fold(r, e))!;

    [Fact]
    public void the_first_answer_counts_for_the_response_time_and_the_latest_for_the_outcome_in_any_order()
    {
        ConsultationStepTakenIntegrationEvent[] steps =
        [
            Step(QuestionChange.Posted, Monday),
            Step(QuestionChange.Answered, Monday.AddHours(3), "FurtherDiagnostics", 3),
            Step(QuestionChange.FollowUpAsked, Monday.AddHours(5)),
            Step(QuestionChange.Answered, Monday.AddHours(8), "ReferralAdvised", 3),
            Step(QuestionChange.Closed, Monday.AddHours(9)),
        ];

        var inOrder = Fold(steps);
        var reversed = Fold(steps.Reverse());
        var twice = Fold(steps.Concat(steps));

        Assert.Equal(inOrder, reversed);
        Assert.Equal(inOrder, twice);
        Assert.Equal((Monday.AddHours(3), 3.0, "ReferralAdvised"), (inOrder.FirstAnsweredAt!.Value, inOrder.FirstAnswerWorkingHours!.Value, inOrder.Outcome));
        Assert.Equal((Monday, "Yes", true, 4), (inOrder.PostedAt!.Value, inOrder.WouldReferWithout, inOrder.AvoidedReferral!.Value, inOrder.Usefulness!.Value));
    }

    [Fact]
    public void an_answer_after_the_due_moment_is_not_within_the_promise()
    {
        var late = Fold([Step(QuestionChange.Posted, Monday), Step(QuestionChange.Answered, Monday.AddDays(3), "AdviceOnly", 72, due: Monday.AddDays(2))]);
        var onTheDot = Fold([Step(QuestionChange.Posted, Monday), Step(QuestionChange.Answered, Monday.AddDays(2), "AdviceOnly", 48, due: Monday.AddDays(2))]);
        var open = Fold([Step(QuestionChange.Posted, Monday)]);

        Assert.False(late.AnsweredWithinPromise);
        Assert.True(onTheDot.AnsweredWithinPromise);
        Assert.Null(open.AnsweredWithinPromise);
    }

    [Fact]
    public void a_check_heard_before_its_follow_up_started_is_kept_in_the_plan()
    {
        var id = Guid.CreateVersion7();
        var task = new FollowUpCheckPlanned(Guid.CreateVersion7(), FollowUpCheckKind.AdherenceCheck, 1, new DateOnly(2027, 5, 1), false);
        var other = new FollowUpCheckPlanned(Guid.CreateVersion7(), FollowUpCheckKind.AdherenceCheck, 3, new DateOnly(2027, 7, 1), false);
        var started = new FollowUpStartedIntegrationEvent(id, Guid.Empty, Guid.Empty, "ref", PatientGroup.CaseFinding, null, OsteoporosisDrugClass.Denosumab,
            new DateOnly(2027, 4, 1), [task, other], Monday, Guid.Empty);
        var recorded = new FollowUpCheckRecordedIntegrationEvent(id, task.TaskId, Guid.Empty, task.Kind, 1, task.Due, false, false, null, Monday.AddDays(20));

        var startFirst = FollowUpRecord.Fold(FollowUpRecord.Fold(null, started), recorded);
        var checkFirst = FollowUpRecord.Fold(FollowUpRecord.Fold(null, recorded), started);

        Assert.Equal(startFirst with { Checks = [] }, checkFirst with { Checks = [] });
        Assert.Equal(startFirst.Checks, checkFirst.Checks);
        Assert.Equal([false, null], startFirst.Checks.Select(c => c.StillTakingMedication));
        Assert.Equal(startFirst, FollowUpRecord.Fold(startFirst, recorded));
    }

    [Fact]
    public void the_latest_state_of_a_location_wins_and_every_verification_is_kept()
    {
        var id = Guid.CreateVersion7();
        var listed = new TherapistLocationListedIntegrationEvent(id, "Fysio", "5038 AB", "Tilburg", "Tilburg", [TherapistDiscipline.Physiotherapist], [], Monday, null, Monday);
        var revised = new TherapistLocationRevisedIntegrationEvent(id, "Fysio", "4811 AA", "Breda", "Breda", [TherapistDiscipline.OccupationalTherapist], [], null, Monday.AddDays(5), Monday);
        var verified = new TherapistLocationVerifiedIntegrationEvent(id, Monday.AddDays(9));

        var record = new object[] { revised, verified, listed }.Aggregate((DirectoryEntryRecord?)null, DirectoryEntryRecord.Fold)!;

        Assert.Equal(("Breda", TherapistDiscipline.OccupationalTherapist, Monday), (record.Municipality, Assert.Single(record.Disciplines), record.ListedAt!.Value));
        Assert.Equal([Monday, Monday.AddDays(9)], record.VerifiedAt);
    }

    [Fact]
    public void a_subjects_fact_stream_is_a_stable_name_based_id_of_its_own()
    {
        var subject = Guid.Parse("01931a2b-3c4d-7e5f-8a9b-0c1d2e3f4a5b");

        var stream = FactStreams.For(subject);

        Assert.Equal(stream, FactStreams.For(subject));
        Assert.NotEqual(subject, stream);
        Assert.NotEqual(stream, FactStreams.For(Guid.CreateVersion7()));
        Assert.Equal(5, stream.Version);
    }
}
