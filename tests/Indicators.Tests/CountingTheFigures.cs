using Schakel.Indicators.Figures;
using Schakel.Indicators.Records;
using Schakel.Referral.Contracts;
using Schakel.SocialMap.Contracts;

namespace Schakel.Indicators.Tests;

/// <summary>The rules behind the figures that a whole history (the integration test) does not pin down on its own.</summary>
public sealed class CountingTheFigures
{
    private static readonly DateTimeOffset Now = new(2027, 6, 15, 12, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateOnly Due = new(2027, 3, 1);

    private static FollowUpCheck Check(DateOnly due, DateTimeOffset? recorded, bool? taking = true, int months = 12) =>
        new(Guid.CreateVersion7(), FollowUpCheckKind.AdherenceCheck, months, due, false, recorded, recorded is null ? null : taking, null);

    private static DateTimeOffset DutchNoon(DateOnly day) => new(day.Year, day.Month, day.Day, 12, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void a_check_is_on_time_up_to_fourteen_days_after_its_day_late_after_that_and_missed_after_ninety()
    {
        Assert.Equal(CheckStatus.OnTime, IndicatorCatalogue.StatusOf(Check(Due, DutchNoon(Due.AddDays(-3))), Now));
        Assert.Equal(CheckStatus.OnTime, IndicatorCatalogue.StatusOf(Check(Due, DutchNoon(Due.AddDays(14))), Now));
        Assert.Equal(CheckStatus.Late, IndicatorCatalogue.StatusOf(Check(Due, DutchNoon(Due.AddDays(15))), Now));
        Assert.Equal(CheckStatus.Open, IndicatorCatalogue.StatusOf(Check(Due, null), DutchNoon(Due.AddDays(90))));
        Assert.Equal(CheckStatus.Missed, IndicatorCatalogue.StatusOf(Check(Due, null), DutchNoon(Due.AddDays(91))));
    }

    private static FollowUpRecord FollowUp(DateOnly start, params FollowUpCheck[] checks) =>
        new(Guid.CreateVersion7(), Guid.Empty, null, "ref-" + Guid.NewGuid(), PatientGroup.CaseFinding, false, OsteoporosisDrugClass.Bisphosphonate, start,
            DutchNoon(start), checks);

    [Fact]
    public void the_use_at_one_year_comes_from_the_first_check_in_that_year_or_from_an_earlier_stop()
    {
        var start = new DateOnly(2026, 3, 1);
        var atTwelve = FollowUp(start, Check(start.AddMonths(12), DutchNoon(start.AddMonths(12)), taking: true));
        var stoppedEarlier = FollowUp(start, Check(start.AddMonths(6), DutchNoon(start.AddMonths(6)), taking: false, months: 6), Check(start.AddMonths(12), null));
        var onlyTheEvaluation = FollowUp(start, Check(start.AddMonths(60), DutchNoon(start.AddMonths(2)), taking: true, months: 60));
        var notYetKnown = FollowUp(start, Check(start.AddMonths(12), null));

        Assert.Equal((DutchNoon(start.AddMonths(12)), true), IndicatorCatalogue.UseAt(atTwelve, 12, Now));
        Assert.Equal((new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)), false), IndicatorCatalogue.UseAt(stoppedEarlier, 12, Now));
        Assert.Null(IndicatorCatalogue.UseAt(onlyTheEvaluation, 12, Now));
        Assert.Null(IndicatorCatalogue.UseAt(notYetKnown, 12, Now));
    }

    [Fact]
    public void a_figure_from_fewer_than_five_patients_is_shown_only_to_the_practice_that_owns_it()
    {
        var four = new Measurement(4, null, null, 4, [], [], []);
        var five = four with { Patients = 5 };
        var notAboutPatients = four with { Patients = null };
        var nobody = four with { Value = 0, Patients = 0 };
        var one = four with { Value = 1, Patients = 1 };

        Assert.True(Dashboard.Suppressed(four, owner: false));
        Assert.False(Dashboard.Suppressed(four, owner: true));
        Assert.False(Dashboard.Suppressed(five, owner: false));
        Assert.False(Dashboard.Suppressed(notAboutPatients, owner: false));
        Assert.False(Dashboard.Suppressed(nobody, owner: false));
        Assert.True(Dashboard.Suppressed(one, owner: false));
    }

    [Fact]
    public void only_the_coordinator_sees_another_practices_figures()
    {
        var practice = Guid.CreateVersion7();
        var own = new IndicatorScope(null, null, practice);
        var other = new IndicatorScope(null, null, Guid.CreateVersion7());
        var gp = new Viewer(practice, IsPractice: true, IsCoordinator: false);
        var coordinator = new Viewer(Guid.CreateVersion7(), IsPractice: false, IsCoordinator: true);
        var specialist = new Viewer(Guid.CreateVersion7(), IsPractice: false, IsCoordinator: false);

        Assert.True(gp.MaySee(own) && gp.Owns(own) && gp.MaySee(IndicatorScope.Region));
        Assert.False(gp.MaySee(other));
        Assert.True(coordinator.MaySee(other) && !coordinator.Owns(other));
        Assert.False(specialist.MaySee(own));
        Assert.True(specialist.MaySee(new IndicatorScope(Guid.CreateVersion7(), null, null)));
    }

    [Fact]
    public void a_location_counts_in_every_discipline_it_offers_and_a_retired_one_not_at_all()
    {
        DirectoryEntryRecord Entry(string municipality, TherapistDiscipline[] disciplines, DateTimeOffset? retired = null) =>
            new(Guid.CreateVersion7(), municipality, disciplines, Now.AddMonths(-2), retired, Now.AddMonths(-2), [Now.AddMonths(-2)]);
        var data = IndicatorData.None with
        {
            Directory =
            [
                Entry("Tilburg", [TherapistDiscipline.Physiotherapist, TherapistDiscipline.ExerciseTherapist]),
                Entry("Tilburg", [TherapistDiscipline.Physiotherapist]),
                Entry("Breda", [TherapistDiscipline.Physiotherapist], retired: Now.AddDays(-1)),
            ],
        };
        var entries = IndicatorCatalogue.Find("social-map.entries")!;

        var measured = entries.Measure(data, Period.Containing(PeriodKind.Month, Now), Now);

        Assert.Equal(2, measured.Value);
        Assert.Null(measured.Patients);
        Assert.Equal([("Tilburg · Fysiotherapie", 2m), ("Tilburg · Oefentherapie", 1m)], measured.Parts.Select(p => (p.Label, p.Value)));
    }

    [Fact]
    public void the_docs_define_every_indicator_by_its_key_and_its_dutch_name()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "indicators.md"));

        Assert.All(IndicatorCatalogue.All, i =>
        {
            Assert.Contains($"`{i.Key}`", docs, StringComparison.Ordinal);
            Assert.Contains(i.Definition.Name, docs, StringComparison.Ordinal);
        });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Schakel.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Schakel.slnx not found above the test binaries.");
    }

    [Fact]
    public void every_indicator_has_a_unique_key_and_a_whole_definition()
    {
        Assert.Equal(IndicatorCatalogue.All.Count, IndicatorCatalogue.All.Select(i => i.Key).Distinct().Count());
        Assert.All(IndicatorCatalogue.All, i =>
        {
            Assert.Matches("^[a-z-]+\\.[a-z0-9-]+$", i.Key);
            Assert.False(string.IsNullOrWhiteSpace(i.Definition.Name));
            Assert.False(string.IsNullOrWhiteSpace(i.Definition.Numerator));
            Assert.False(string.IsNullOrWhiteSpace(i.Definition.Exclusions));
            if (i.Unit == FigureUnit.Percentage)
            {
                Assert.NotNull(i.Definition.Denominator);
            }
        });
    }
}
