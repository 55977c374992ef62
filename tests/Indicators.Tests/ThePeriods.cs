using System.Globalization;
using Schakel.Indicators.Figures;

namespace Schakel.Indicators.Tests;

public sealed class ThePeriods
{
    [Theory]
    [InlineData("2026-11", PeriodKind.Month, 2026, 11)]
    [InlineData("2026-Q4", PeriodKind.Quarter, 2026, 4)]
    [InlineData("2027-q1", PeriodKind.Quarter, 2027, 1)]
    [InlineData("2027-K2", PeriodKind.Quarter, 2027, 2)]
    public void a_period_reads_from_its_code(string code, PeriodKind kind, int year, int number) =>
        Assert.Equal(new Period(kind, year, number), Period.Parse(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026-00")]
    [InlineData("1999-01")]
    [InlineData("26-11")]
    [InlineData("2026-1")]
    [InlineData("november")]
    public void anything_else_is_no_period(string? code) => Assert.Null(Period.Parse(code));

    [Fact]
    public void a_month_runs_from_dutch_midnight_to_dutch_midnight_across_the_clock_change()
    {
        var march = new Period(PeriodKind.Month, 2027, 3);

        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)), march.Start);
        Assert.Equal(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)), march.End);
        Assert.True(march.Contains(new DateTimeOffset(2027, 3, 31, 21, 59, 0, TimeSpan.Zero)));
        Assert.False(march.Contains(new DateTimeOffset(2027, 3, 31, 22, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new Period(PeriodKind.Month, 2027, 4), Period.Containing(PeriodKind.Month, new DateTimeOffset(2027, 3, 31, 22, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void the_series_goes_back_over_the_year_boundary_oldest_first()
    {
        var series = new Period(PeriodKind.Quarter, 2027, 2).AndPrevious(8);

        Assert.Equal(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"], series.Select(p => p.Code));
        Assert.Equal("2027-01", new Period(PeriodKind.Month, 2027, 2).Previous().Code);
        Assert.Equal("2026-12", new Period(PeriodKind.Month, 2027, 1).Previous().Code);
    }

    [Fact]
    public void periods_have_dutch_labels()
    {
        var dutch = CultureInfo.GetCultureInfo("nl-NL");
        Assert.Equal("K2 2027", new Period(PeriodKind.Quarter, 2027, 2).Label(dutch));
        Assert.Equal("apr 2027", new Period(PeriodKind.Month, 2027, 4).Label(dutch));
        Assert.Equal("Q2 2027", new Period(PeriodKind.Quarter, 2027, 2).Label(CultureInfo.GetCultureInfo("en-GB")));
    }
}
