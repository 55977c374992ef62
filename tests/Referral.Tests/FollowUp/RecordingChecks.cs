using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;

namespace Schakel.Referral.Tests.FollowUp;

public sealed class RecordingChecks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Practice = Guid.CreateVersion7();

    private static readonly CareUser Gp = new(
        Guid.CreateVersion7(), "Dr. A. de Vries", new HashSet<string> { SchakelRoles.GeneralPractitioner }, Practice, OrganisationKind.GpPractice, "De Linde", null,
        Guid.CreateVersion7(), "Dr. A. de Vries", null);

    private static readonly CareUser Nurse = Gp with { UserId = Guid.CreateVersion7(), Name = "M. Jansen", Roles = new HashSet<string> { SchakelRoles.PracticeNurse } };

    private static readonly AgreementTerms Terms = new(
        Guid.CreateVersion7(), 2, Guid.CreateVersion7(), "Ziekenhuis Hart van Brabant", new Dictionary<PatientGroup, string>(), new HashSet<ReferralContentItem>(),
        FollowUpSchedule.Default, Enum.GetValues<ReReferralCriterion>().ToHashSet());

    private static PatientFollowUp AFollowUp() => PatientFollowUp.Start(StartFollowUp.Decide(
        Guid.CreateVersion7(), StartFollowUp.Practice.Of(Gp), Gp.UserId, Gp.Name, "pt-bcdfghjklmnpqrstvwxzbcd", "P-1", PatientGroup.ReferredBackForFollowUp, FollowUpSource.BackReferral, Guid.CreateVersion7(),
        "alendroninezuur", "70 mg 1x per week", new DateOnly(2026, 10, 1), Terms, Now));

    private static readonly CheckFindings Fine = new(true, false, null, null, 0, false, null);

    [Fact]
    public void a_follow_up_starts_with_the_plan_of_the_agreement_version_in_force()
    {
        var followUp = AFollowUp();

        Assert.Equal((Terms.AgreementId, 2), (followUp.AgreementId, followUp.AgreementVersion));
        Assert.Equal(9, followUp.Tasks.Count);
        Assert.Equal(new DateOnly(2026, 11, 1), followUp.Tasks[0].Due);
        Assert.All(followUp.Tasks, t => Assert.Equal(FollowUpTaskState.Open, t.State));
        Assert.Equal(followUp.Tasks.Count, followUp.Tasks.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void a_check_closes_its_task_and_the_plan_moves_on()
    {
        var followUp = AFollowUp();
        var first = followUp.Tasks[0];

        var (events, problem) = RecordCheckEndpoint.Decide(followUp, first.Id, Fine, Nurse, Now);

        Assert.Null(problem);
        var after = events.Aggregate(followUp, (f, e) => f.Then(e));
        Assert.Equal(FollowUpTaskState.Done, after.Tasks[0].State);
        Assert.Equal("M. Jansen", after.Tasks[0].DoneByName);
        Assert.Equal(after.Tasks[1].Id, FollowUpView.Of(after).NextTaskId);
        Assert.Empty(after.ProposedReReferral);
    }

    [Fact]
    public void stopping_because_of_side_effects_proposes_the_referral_back()
    {
        var followUp = AFollowUp();

        var (events, _) = RecordCheckEndpoint.Decide(followUp, followUp.Tasks[0].Id, Fine with { StillTakingMedication = false, StoppedBecauseOfSideEffects = true, SideEffects = "maagpijn" }, Nurse, Now);

        var proposed = Assert.IsType<ReReferralProposed>(events[1]);
        Assert.Equal(ReReferralCriterion.Intolerance, Assert.Single(proposed.Reasons).Criterion);
    }

    [Fact]
    public void a_check_is_recorded_once()
    {
        var followUp = AFollowUp();
        var (events, _) = RecordCheckEndpoint.Decide(followUp, followUp.Tasks[0].Id, Fine, Nurse, Now);
        var after = events.Aggregate(followUp, (f, e) => f.Then(e));

        var (again, problem) = RecordCheckEndpoint.Decide(after, followUp.Tasks[0].Id, Fine, Nurse, Now);

        Assert.Empty(again);
        Assert.Equal(409, problem!.Status);
    }

    [Fact]
    public void height_loss_is_measured_from_the_first_height_recorded()
    {
        var followUp = AFollowUp();
        var heightTask = followUp.Tasks.First(t => t.MeasureHeight);
        var (first, _) = RecordCheckEndpoint.Decide(followUp, followUp.Tasks[0].Id, Fine with { HeightCm = 166m }, Nurse, Now);
        followUp = first.Aggregate(followUp, (f, e) => f.Then(e));

        var (events, _) = RecordCheckEndpoint.Decide(followUp, heightTask.Id, Fine with { HeightCm = 163.5m }, Nurse, Now.AddYears(2));

        Assert.Equal(ReReferralCriterion.NewFractureUnderTreatment, Assert.IsType<ReReferralProposed>(events[1]).Reasons.Single().Criterion);
    }

    [Fact]
    public void only_the_own_practice_sees_a_follow_up()
    {
        var followUp = AFollowUp();

        Assert.True(followUp.MaySee(Nurse));
        Assert.False(followUp.MaySee(Gp with { OrganisationId = Guid.CreateVersion7() }));
        Assert.False(followUp.MaySee(Gp with { OrganisationId = Practice, OrganisationKind = OrganisationKind.Hospital }));
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-29")] // Monday
    [InlineData("2026-11-29", "2026-11-29")] // Sunday
    [InlineData("2026-11-28", "2026-11-29")] // Saturday
    public void a_week_ends_on_sunday(string day, string end)
    {
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), FollowUpCalendar.EndOfWeek(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
