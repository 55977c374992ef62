using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Schakel.Indicators.Figures;
using Schakel.Indicators.Pages.Indicators;
using Schakel.Indicators.Resources;

namespace Schakel.Indicators.Tests;

/// <summary>How the dashboard says its figures (in the reader's culture) and how its period form switches between month and quarter.</summary>
public sealed class ReadingTheDashboard
{
    private static readonly IStringLocalizer<IndicatorsText> Text = new StringLocalizer<IndicatorsText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static T In<T>(string culture, Func<T> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [Theory]
    [InlineData(FigureUnit.Count, "12", "12")]
    [InlineData(FigureUnit.Count, "1234", "1.234")]
    [InlineData(FigureUnit.Percentage, "83.3", "83,3 %")]
    [InlineData(FigureUnit.Percentage, "100", "100,0 %")]
    [InlineData(FigureUnit.Hours, "14.5", "14,5 werkuren")]
    [InlineData(FigureUnit.Score, "4.2", "4,2")]
    public void a_dutch_reader_sees_values_with_a_decimal_comma_and_their_unit(FigureUnit unit, string value, string expected) =>
        Assert.Equal(expected, In("nl-NL", () => IndicatorWords.Value(Text, unit, decimal.Parse(value, CultureInfo.InvariantCulture))));

    [Fact]
    public void an_english_reader_sees_her_own_format() =>
        Assert.Equal(["83.3%", "14.5 working hours", "no data"], In("en", () => new[]
        {
            IndicatorWords.Value(Text, FigureUnit.Percentage, 83.3m), IndicatorWords.Value(Text, FigureUnit.Hours, 14.5m), IndicatorWords.Value(Text, FigureUnit.Count, null),
        }));

    [Fact]
    public void a_figure_without_a_value_and_a_suppressed_figure_say_so_in_dutch() =>
        Assert.Equal(["geen gegevens", "< 5 patiënten"], In("nl-NL", () => new[] { IndicatorWords.Value(Text, FigureUnit.Percentage, null), IndicatorWords.Suppressed(Text) }));

    [Fact]
    public void the_definition_tooltip_names_numerator_denominator_and_exclusions() =>
        Assert.Equal(
            "Teller: Vragen beantwoord op tijd. Noemer: Beantwoorde vragen. Uitsluitingen: Geen.",
            In("nl-NL", () => IndicatorWords.DefinitionLine(Text, new IndicatorDefinition("Op tijd", "Vragen beantwoord op tijd.", "Beantwoorde vragen.", "Geen."))));

    [Fact]
    public void switching_to_quarter_keeps_the_quarter_of_the_chosen_month()
    {
        var now = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal("2026-Q3", IndicatorFilter.Switched("quarter", Period.Parse("2026-08")!, now)!.Code);
        Assert.Equal("2026-Q4", IndicatorFilter.Switched("quarter", Period.Parse("2026-12")!, now)!.Code);
    }

    [Fact]
    public void switching_to_month_takes_the_last_month_of_a_past_quarter_and_the_running_month_of_the_running_one()
    {
        var now = new DateTimeOffset(2026, 11, 6, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal("2026-09", IndicatorFilter.Switched("month", Period.Parse("2026-Q3")!, now)!.Code);
        Assert.Equal("2026-11", IndicatorFilter.Switched("month", Period.Parse("2026-Q4")!, now)!.Code);
    }

    [Fact]
    public void the_same_kind_or_no_kind_changes_nothing()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Null(IndicatorFilter.Switched("month", Period.Parse("2026-08")!, now));
        Assert.Null(IndicatorFilter.Switched(null, Period.Parse("2026-Q3")!, now));
        Assert.Null(IndicatorFilter.Switched("week", Period.Parse("2026-Q3")!, now));
    }

    [Fact]
    public void the_form_offers_24_months_and_8_quarters_newest_first()
    {
        var now = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

        var months = IndicatorFilter.Choices(PeriodKind.Month, now);
        var quarters = IndicatorFilter.Choices(PeriodKind.Quarter, now);

        Assert.Equal(24, months.Count);
        Assert.Equal(("2026-12", "2025-01"), (months[0].Code, months[^1].Code));
        Assert.Equal(["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1"], quarters.Select(q => q.Code));
    }

    [Fact]
    public void the_query_string_carries_the_scope_and_asks_for_the_region_only_for_a_practice()
    {
        var practice = Guid.CreateVersion7();
        var hospital = Guid.CreateVersion7();
        var period = Period.Parse("2026-Q4")!;
        var gp = new Viewer(practice, IsPractice: true, IsCoordinator: false);
        var coordinator = new Viewer(Guid.CreateVersion7(), IsPractice: false, IsCoordinator: true);

        Assert.Equal("?period=2026-Q4&scope=region", IndicatorFilter.Of(period, IndicatorScope.Region, gp).Query.Value);
        Assert.Equal("?period=2026-Q4", IndicatorFilter.Of(period, IndicatorScope.Region, coordinator).Query.Value);
        Assert.Equal($"?period=2026-Q4&practice={practice}", IndicatorFilter.Of(period, new IndicatorScope(null, null, practice), gp).Query.Value);
        Assert.Equal($"?period=2026-Q4&hospital={hospital}&specialty=Rheumatology",
            IndicatorFilter.Of(period, new IndicatorScope(hospital, Schakel.Consultation.Contracts.Specialty.Rheumatology, null), coordinator).Query.Value);
    }
}
