using Microsoft.Extensions.Time.Testing;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;

namespace Schakel.Referral.Tests.FollowUp;

/// <summary>What a follow-up tells the rest of the product (the indicators), and the repeat DEXA recorded at the evaluation.</summary>
public sealed class PublishingFollowUpFacts
{
    private static readonly DateTimeOffset Now = new(2031, 10, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly TreatmentStart = new(2026, 10, 1);
    private static readonly Guid Practice = Guid.CreateVersion7();

    private static readonly CareUser Gp = new(
        Guid.CreateVersion7(), "Dr. A. de Vries", new HashSet<string> { SchakelRoles.GeneralPractitioner }, Practice, OrganisationKind.GpPractice, "De Linde", null,
        Guid.CreateVersion7(), "Dr. A. de Vries", null);

    private static readonly AgreementTerms Terms = new(
        Guid.CreateVersion7(), 2, Guid.CreateVersion7(), "Ziekenhuis Hart van Brabant", new Dictionary<PatientGroup, string>(), new HashSet<ReferralContentItem>(),
        FollowUpSchedule.Default, Enum.GetValues<ReReferralCriterion>().ToHashSet());

    private static readonly CheckFindings Fine = new(true, false, null, null, 0, false, null);

    private static FollowUpStarted Started(string drug = "Fosamax", Guid? referral = null) => StartFollowUp.Decide(
        Guid.CreateVersion7(), StartFollowUp.Practice.Of(Gp), Gp.UserId, Gp.Name, "pt-bcdfghjklmnpqrstvwxzbcd", "P-1", PatientGroup.ReferredBackForFollowUp, FollowUpSource.BackReferral,
        referral, drug, "70 mg 1x per week", TreatmentStart, Terms, Now.AddYears(-5));

    private static FollowUpTask Evaluation(PatientFollowUp f) => f.Tasks.Single(t => t.Kind == FollowUpTaskKind.Evaluation);

    [Fact]
    public void a_started_follow_up_is_published_with_its_dated_plan_and_the_class_of_its_drug()
    {
        var referral = Guid.CreateVersion7();
        var started = Started("Fosamax", referral);

        var hospital = Guid.CreateVersion7();
        var message = FollowUpEffects.Started(started, hospital);

        Assert.Equal((started.FollowUpId, Practice, Gp.ResponsibleUserId, referral, hospital), (message.FollowUpId, message.PracticeId, message.ResponsibleGpId, message.ReferralId, message.HospitalId));
        Assert.Equal((OsteoporosisDrugClass.Bisphosphonate, PatientGroup.ReferredBackForFollowUp, TreatmentStart), (message.DrugClass, message.Group, message.TreatmentStart));
        Assert.Equal(started.PatientReference, message.PatientReference);
        Assert.Equal(started.Tasks.Select(t => (t.Id, (int)t.Kind, t.MonthsAfterStart, t.Due, t.RepeatDexa)),
            message.Checks.Select(c => (c.TaskId, (int)c.Kind, c.MonthsAfterStart, c.Due, c.RepeatDexa)));
        var evaluation = Assert.Single(message.Checks, c => c.Kind == FollowUpCheckKind.Evaluation);
        Assert.Equal((60, new DateOnly(2031, 10, 1), true), (evaluation.MonthsAfterStart, evaluation.Due, evaluation.RepeatDexa));
    }

    [Fact]
    public void the_module_and_contract_task_kinds_have_the_same_members_and_values()
    {
        Assert.Equal(Enum.GetValues<FollowUpTaskKind>().Select(k => (k.ToString(), (int)k)), Enum.GetValues<FollowUpCheckKind>().Select(k => (k.ToString(), (int)k)));
    }

    [Fact]
    public void a_check_is_published_with_its_task_and_what_the_indicators_count()
    {
        var followUp = PatientFollowUp.Start(Started());
        var first = followUp.Tasks[0];

        var (events, _) = RecordCheckEndpoint.Decide(followUp, first.Id, Fine with { StillTakingMedication = false, NewFracture = true }, Gp, Now);
        var message = Assert.Single(FollowUpEffects.Recorded(followUp, events));

        Assert.Equal((followUp.Id, first.Id, Practice, FollowUpCheckKind.AdherenceCheck, 1, first.Due), (message.FollowUpId, message.TaskId, message.PracticeId, message.Kind, message.MonthsAfterStart, message.Due));
        Assert.Equal((false, true, (DateOnly?)null, Now), (message.StillTakingMedication, message.NewFracture, message.DexaRepeatedOn, message.RecordedAt));
    }

    [Fact]
    public void the_repeat_dexa_at_the_evaluation_is_its_own_event_and_travels_with_the_check()
    {
        var followUp = PatientFollowUp.Start(Started());
        var evaluation = Evaluation(followUp);
        var day = new DateOnly(2031, 9, 15);

        var (events, problem) = RecordCheckEndpoint.Decide(followUp, evaluation.Id, Fine, Gp, Now, day);

        Assert.Null(problem);
        Assert.IsType<CheckRecorded>(events[0]);
        var dexa = Assert.IsType<DexaRepeated>(events[1]);
        Assert.Equal((followUp.Id, evaluation.Id, day, Gp.UserId), (dexa.FollowUpId, dexa.TaskId, dexa.On, dexa.ById));
        Assert.Equal(day, Assert.Single(FollowUpEffects.Recorded(followUp, events)).DexaRepeatedOn);
        var after = events.Aggregate(followUp, (f, e) => f.Then(e));
        Assert.Equal(day, Assert.Single(after.DexaRepeats).On);
        Assert.Equal(day, Assert.Single(FollowUpView.Of(after).DexaRepeats).On);
    }

    [Fact]
    public void a_repeat_dexa_is_refused_on_a_task_whose_plan_does_not_ask_for_one()
    {
        var followUp = PatientFollowUp.Start(Started());

        var (events, problem) = RecordCheckEndpoint.Decide(followUp, followUp.Tasks[0].Id, Fine, Gp, Now, new DateOnly(2027, 1, 5));

        Assert.Empty(events);
        Assert.Equal(400, problem!.Status);
        Assert.Equal([RecordCheck.DexaNotAsked], Assert.IsType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(problem).Errors[RecordCheckEndpoint.DexaField]);
    }

    [Fact]
    public void a_repeat_dexa_before_the_treatment_started_is_refused()
    {
        var followUp = PatientFollowUp.Start(Started());

        var (events, problem) = RecordCheckEndpoint.Decide(followUp, Evaluation(followUp).Id, Fine, Gp, Now, TreatmentStart.AddDays(-1));

        Assert.Empty(events);
        var errors = Assert.IsType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(problem).Errors[RecordCheckEndpoint.DexaField];
        Assert.Equal(["De herhaal-DEXA ligt niet vóór de start van de behandeling (1-10-2026)."], errors);
        Assert.Null(RecordCheckEndpoint.Decide(followUp, Evaluation(followUp).Id, Fine, Gp, Now, TreatmentStart).Problem);
    }

    [Fact]
    public void a_repeat_dexa_in_the_future_is_a_field_error_in_dutch_time()
    {
        // 23:30 UTC on 20 October is already 21 October in Amsterdam.
        var validator = new RecordCheck.Validator(new FakeTimeProvider(new DateTimeOffset(2031, 10, 20, 23, 30, 0, TimeSpan.Zero)));
        var request = new RecordCheck(true, false, null, null, 0, false, null);

        Assert.True(validator.Validate(request).IsValid);
        Assert.True(validator.Validate(request with { DexaRepeatedOn = new DateOnly(2031, 10, 21) }).IsValid);
        var refused = validator.Validate(request with { DexaRepeatedOn = new DateOnly(2031, 10, 22) });
        Assert.Equal((nameof(RecordCheck.DexaRepeatedOn), RecordCheck.DexaInTheFuture), (refused.Errors.Single().PropertyName, refused.Errors.Single().ErrorMessage));
    }
}
