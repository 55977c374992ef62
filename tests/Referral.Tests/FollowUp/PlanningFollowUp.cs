using Schakel.Referral.Agreements;
using Schakel.Referral.FollowUp;

namespace Schakel.Referral.Tests.FollowUp;

public sealed class PlanningFollowUp
{
    private static readonly DateOnly Start = new(2026, 1, 31);

    [Fact]
    public void the_default_schedule_gives_eight_checks_and_the_evaluation_after_five_years_with_a_dexa()
    {
        var plan = FollowUpPlan.For(FollowUpSchedule.Default, new DateOnly(2026, 3, 15));

        Assert.Equal([1, 3, 6, 12, 18, 24, 36, 48, 60], plan.Select(t => t.MonthsAfterStart));
        Assert.Equal(new DateOnly(2026, 4, 15), plan[0].Due);
        var evaluation = plan[^1];
        Assert.Equal((FollowUpTaskKind.Evaluation, new DateOnly(2031, 3, 15), true), (evaluation.Kind, evaluation.Due, evaluation.RepeatDexa));
        Assert.All(plan.Take(plan.Count - 1), t => Assert.Equal(FollowUpTaskKind.AdherenceCheck, t.Kind));
    }

    [Fact]
    public void height_is_asked_every_two_years_at_the_check_of_that_month()
    {
        var plan = FollowUpPlan.For(FollowUpSchedule.Default, Start);

        Assert.Equal([24, 48], plan.Where(t => t.MeasureHeight).Select(t => t.MonthsAfterStart));
    }

    [Fact]
    public void a_height_month_without_a_check_becomes_a_task_of_its_own()
    {
        var schedule = new FollowUpSchedule([1, 6, 12], 60, false, 18);

        var plan = FollowUpPlan.For(schedule, Start);

        Assert.Equal([18, 36, 54], plan.Where(t => t.Kind == FollowUpTaskKind.HeightMeasurement).Select(t => t.MonthsAfterStart));
        Assert.False(plan.Single(t => t.Kind == FollowUpTaskKind.Evaluation).RepeatDexa);
        Assert.Equal(plan.OrderBy(t => t.Due), plan);
    }

    [Fact]
    public void a_month_end_start_falls_on_the_last_day_of_shorter_months()
    {
        var plan = FollowUpPlan.For(FollowUpSchedule.Default, Start);

        Assert.Equal(new DateOnly(2026, 2, 28), plan[0].Due);
        Assert.Equal(new DateOnly(2026, 4, 30), plan[1].Due);
    }
}

public sealed class ProposingReReferral
{
    private static readonly IReadOnlySet<ReReferralCriterion> All = Enum.GetValues<ReReferralCriterion>().ToHashSet();
    private static readonly PlannedTask Check = new(FollowUpTaskKind.AdherenceCheck, 3, new DateOnly(2026, 6, 1), false, false);
    private static readonly CheckFindings Fine = new(true, false, null, null, 0, false, null);

    [Fact]
    public void nothing_is_proposed_when_all_is_well()
    {
        Assert.Empty(ReReferralAdvice.For(Fine, Check, "alendroninezuur 70 mg", 165m, All));
    }

    [Fact]
    public void stopping_because_of_side_effects_is_intolerance()
    {
        var reasons = ReReferralAdvice.For(Fine with { StillTakingMedication = false, StoppedBecauseOfSideEffects = true, SideEffects = "maagklachten" }, Check, "alendroninezuur", null, All);

        Assert.Equal(ReReferralCriterion.Intolerance, Assert.Single(reasons).Criterion);
    }

    [Fact]
    public void stopping_denosumab_is_always_proposed_back()
    {
        var reasons = ReReferralAdvice.For(Fine with { StillTakingMedication = false }, Check, "Denosumab 60 mg", null, All);

        Assert.Contains(reasons, r => r.Criterion == ReReferralCriterion.DenosumabToStop);
    }

    [Fact]
    public void a_height_loss_of_two_centimetres_suggests_a_new_vertebral_fracture()
    {
        Assert.Empty(ReReferralAdvice.For(Fine with { HeightCm = 163.5m }, Check, "risedroninezuur", 165m, All));

        var reasons = ReReferralAdvice.For(Fine with { HeightCm = 163m }, Check, "risedroninezuur", 165m, All);

        Assert.Equal(ReReferralCriterion.NewFractureUnderTreatment, Assert.Single(reasons).Criterion);
        Assert.Contains("2 cm", reasons[0].Reason, StringComparison.Ordinal);
        Assert.Contains("2,5 cm", ReReferralAdvice.For(Fine with { HeightCm = 162.5m }, Check, "risedroninezuur", 165m, All)[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void the_evaluation_and_complications_are_proposed_back()
    {
        var evaluation = Check with { Kind = FollowUpTaskKind.Evaluation, MonthsAfterStart = 60 };

        var reasons = ReReferralAdvice.For(Fine with { Complications = "kaakosteonecrose" }, evaluation, "alendroninezuur", null, All);

        Assert.Equal([ReReferralCriterion.EvaluationAfterFiveYears, ReReferralCriterion.Complications], reasons.Select(r => r.Criterion));
    }

    [Fact]
    public void only_the_criteria_the_agreement_names_count()
    {
        var agreed = new HashSet<ReReferralCriterion> { ReReferralCriterion.NewFractureUnderTreatment };

        Assert.Empty(ReReferralAdvice.For(Fine with { StillTakingMedication = false, StoppedBecauseOfSideEffects = true }, Check, "alendroninezuur", null, agreed));
        Assert.Single(ReReferralAdvice.For(Fine with { NewFracture = true }, Check, "alendroninezuur", null, agreed));
    }
}
