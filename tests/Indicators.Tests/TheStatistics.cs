using Schakel.Indicators.Figures;

namespace Schakel.Indicators.Tests;

public sealed class TheStatistics
{
    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 3.0)]
    [InlineData(new[] { 1.0, 2.0, 2.0, 5.0, 6.0, 6.0, 12.0, 17.0, 19.0, 73.0 }, 6.0)]
    [InlineData(new[] { 1.0, 2.0, 5.0, 12.0 }, 3.5)]
    public void the_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones(double[] values, double median) =>
        Assert.Equal((decimal)median, Statistics.Median(values.Select(v => (decimal)v)));

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 2.0, 5.0, 6.0, 6.0, 12.0, 17.0, 19.0, 73.0 }, 90, 19.0)]
    [InlineData(new[] { 6.0, 6.0, 17.0, 19.0, 73.0 }, 90, 73.0)]
    [InlineData(new[] { 4.0 }, 90, 4.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 50, 2.0)]
    public void the_percentile_is_the_nearest_rank(double[] values, int percent, double expected) =>
        Assert.Equal((decimal)expected, Statistics.Percentile(values.Select(v => (decimal)v), percent));

    [Fact]
    public void nothing_to_count_gives_no_figure()
    {
        Assert.Null(Statistics.Median([]));
        Assert.Null(Statistics.Percentile([], 90));
        Assert.Null(Statistics.Percentage(0, 0));
        Assert.Null(Statistics.Mean([]));
    }

    [Fact]
    public void shares_and_means_are_rounded_to_one_decimal_half_away_from_zero()
    {
        Assert.Equal(66.7m, Statistics.Percentage(2, 3));
        Assert.Equal(12.5m, Statistics.Percentage(1, 8));
        Assert.Equal(3.8m, Statistics.Mean([5, 3, 4, 2, 4, 5]));
    }
}
