using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;

namespace Schakel.Referral.Tests.Agreements;

public sealed class VersioningAgreements
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly CareUser Coordinator = new(
        Guid.CreateVersion7(), "R. Coördinator", new HashSet<string> { SchakelRoles.Coordinator }, Guid.CreateVersion7(), OrganisationKind.Region, "Regio", null, Guid.CreateVersion7(), "R. Coördinator", null);

    private static readonly CareUser Gp = new(
        Guid.CreateVersion7(), "Dr. A. de Vries", new HashSet<string> { SchakelRoles.GeneralPractitioner }, Guid.CreateVersion7(), OrganisationKind.GpPractice, "De Linde", null, Guid.CreateVersion7(), "Dr. A. de Vries", null);

    private static Agreement Drafted() => Agreement.Start(new AgreementDrafted(Guid.CreateVersion7(), Guid.CreateVersion7(), "Ziekenhuis", "Afspraak", AgreementsSeeding.RegionalDefault, Coordinator.UserId, Coordinator.Name, Now));

    private static Agreement Apply(Agreement agreement, (object? Event, Microsoft.AspNetCore.Mvc.ProblemDetails? Problem) decision)
    {
        Assert.Null(decision.Problem);
        return agreement.Then(decision.Event!);
    }

    [Fact]
    public void a_draft_comes_into_force_and_the_next_version_supersedes_it()
    {
        var v1 = Apply(Drafted(), AgreementRules.Activate(Drafted(), 1, Coordinator, Now));
        var agreement = Apply(Drafted(), AgreementRules.Activate(Drafted(), 1, Coordinator, Now));
        agreement = Apply(agreement, AgreementRules.DraftVersion(agreement, AgreementsSeeding.RegionalDefault with { Scope = "Nieuw" }, Coordinator, Now));

        Assert.Equal(1, v1.Active!.Number);
        Assert.Equal((1, 2), (agreement.Active!.Number, agreement.Draft!.Number));

        agreement = Apply(agreement, AgreementRules.Activate(agreement, 2, Coordinator, Now));

        Assert.Equal(AgreementVersionStatus.Superseded, agreement.Versions[0].Status);
        Assert.Equal(2, agreement.Active!.Number);
        Assert.Equal(409, AgreementRules.Activate(agreement, 1, Coordinator, Now).Item2!.Status);
        Assert.Equal(409, AgreementRules.Activate(agreement, 2, Coordinator, Now).Item2!.Status);
        Assert.Equal(404, AgreementRules.Activate(agreement, 7, Coordinator, Now).Item2!.Status);
    }

    [Fact]
    public void one_draft_at_a_time()
    {
        var agreement = Drafted();

        Assert.Equal(409, AgreementRules.DraftVersion(agreement, AgreementsSeeding.RegionalDefault, Coordinator, Now).Item2!.Status);
    }

    [Fact]
    public void a_practice_joins_only_the_version_in_force_and_keeps_its_version_until_it_joins_a_new_one()
    {
        var agreement = Drafted();
        Assert.Equal(409, AgreementRules.Join(agreement, 1, Gp, Now).Item2!.Status);
        agreement = Apply(agreement, AgreementRules.Activate(agreement, 1, Coordinator, Now));
        agreement = Apply(agreement, AgreementRules.Join(agreement, 1, Gp, Now));
        Assert.Equal(409, AgreementRules.Join(agreement, 1, Gp, Now).Item2!.Status);

        agreement = Apply(agreement, AgreementRules.DraftVersion(agreement, AgreementsSeeding.RegionalDefault with { Schedule = FollowUpSchedule.Default with { HeightEveryMonths = 12 } }, Coordinator, Now));
        agreement = Apply(agreement, AgreementRules.Activate(agreement, 2, Coordinator, Now));

        Assert.Equal(1, Assert.Single(agreement.Practices).Version);
        Assert.Equal(24, agreement.TermsOf(1).Schedule.HeightEveryMonths);
        agreement = Apply(agreement, AgreementRules.Join(agreement, 2, Gp, Now));
        Assert.Equal(2, Assert.Single(agreement.Practices).Version);
        Assert.Equal(12, agreement.TermsOf(2).Schedule.HeightEveryMonths);
    }

    [Theory]
    [InlineData(new[] { 1, 3, 3 }, 60, 24)] // not strictly increasing
    [InlineData(new[] { 1, 3, 72 }, 60, 24)] // a check after the evaluation
    [InlineData(new[] { 1, 3 }, 6, 24)] // evaluation too soon
    [InlineData(new[] { 1, 3 }, 60, 3)] // height too often
    public void a_schedule_that_makes_no_sense_is_refused(int[] checks, int evaluation, int height)
    {
        var content = AgreementsSeeding.RegionalDefault with { Schedule = new FollowUpSchedule(checks, evaluation, true, height) };

        Assert.False(new AgreementContentValidator().Validate(content).IsValid);
        Assert.True(new AgreementContentValidator().Validate(AgreementsSeeding.RegionalDefault).IsValid);
    }
}
