using System.Globalization;
using Microsoft.Extensions.Localization;
using Schakel.Indicators.Charts;
using Schakel.Indicators.Figures;
using Schakel.Indicators.Resources;

namespace Schakel.Indicators.Pages.Indicators;

/// <summary>How the indicator pages say a figure: in the portal's language and number format, one way everywhere.</summary>
public static class IndicatorWords
{
    /// <summary>"12", "83,3 %", "14,5 werkuren", "4,2" (nl-NL); "geen gegevens" without a value.</summary>
    public static string Value(IStringLocalizer<IndicatorsText> text, FigureUnit unit, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (value is not { } v)
        {
            return text["NoValue"].Value;
        }

        var culture = CultureInfo.CurrentCulture;
        return unit switch
        {
            FigureUnit.Count => v.ToString("#,0.##", culture),
            FigureUnit.Percentage => text["Unit_Percentage", v.ToString("0.0", culture)].Value,
            FigureUnit.Hours => text["Unit_Hours", v.ToString("0.0", culture)].Value,
            _ => v.ToString("0.0", culture),
        };
    }

    /// <summary>What the reader sees for a figure: its value, or that it comes from too few patients.</summary>
    public static string Shown(IStringLocalizer<IndicatorsText> text, FigureView figure)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Suppressed ? Suppressed(text) : Value(text, figure.Unit, figure.Value);
    }

    public static string Suppressed(IStringLocalizer<IndicatorsText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["Suppressed", Dashboard.MinimumPatients].Value;
    }

    /// <summary>"nov 2026" or "K4 2026"; the code itself if it is not a period.</summary>
    public static string PeriodLabel(string code) => Period.Parse(code)?.Label(CultureInfo.CurrentCulture) ?? code;

    public static string Theme(IStringLocalizer<IndicatorsText> text, IndicatorTheme theme)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"Theme_{theme}"].Value;
    }

    /// <summary>The definition in one line, for the info button's tooltip.</summary>
    public static string DefinitionLine(IStringLocalizer<IndicatorsText> text, IndicatorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(definition);
        var parts = new List<string> { $"{text["Definition_Numerator"].Value}: {definition.Numerator}" };
        if (definition.Denominator is { } denominator)
        {
            parts.Add($"{text["Definition_Denominator"].Value}: {denominator}");
        }

        parts.Add($"{text["Definition_Exclusions"].Value}: {definition.Exclusions}");
        return string.Join(" ", parts);
    }

    /// <summary>The figure's series as a line chart (suppressed periods and periods without a value are gaps).</summary>
    public static string SeriesChart(IStringLocalizer<IndicatorsText> text, FigureView figure, PeriodKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(figure);
        var points = figure.Series
            .Select(p => new ChartPoint(PeriodLabel(p.Period), p.Value, p.Suppressed ? Suppressed(text) : Value(text, figure.Unit, p.Value)))
            .ToList();
        var title = text[kind == PeriodKind.Month ? "Chart_Months" : "Chart_Quarters", figure.Definition.Name].Value;
        return SvgCharts.Line(title, points, v => Value(text, figure.Unit, v));
    }

    /// <summary>The figure's parts as a bar chart, or null when it has none.</summary>
    public static string? PartsChart(IStringLocalizer<IndicatorsText> text, FigureView figure)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Parts.Count == 0
            ? null
            : SvgCharts.Bars(
                text["Chart_Parts", figure.Definition.Name].Value,
                figure.Parts.Select(p => new ChartBar(p.Label, p.Value, Value(text, FigureUnit.Count, p.Value))).ToList());
    }
}
