using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Schakel.Indicators.Charts;

namespace Schakel.Indicators.Tests;

/// <summary>The dashboard's server-drawn SVG: well-formed, accessible, gaps for suppressed periods, safe text, invariant coordinates.</summary>
public sealed partial class DrawingTheCharts
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static string Plain(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static XElement Parse(string markup) => XElement.Parse(markup);

    private static ChartPoint Point(string label, decimal? value) => new(label, value, value is null ? "< 5 patiënten" : Plain(value.Value));

    [Fact]
    public void a_line_chart_is_an_image_whose_title_reads_every_period_in_words()
    {
        var svg = Parse(SvgCharts.Line("Gestelde vragen, per maand", [Point("okt 2026", 3), Point("nov 2026", null), Point("dec 2026", 7)], Plain));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        const string described = "Gestelde vragen, per maand: okt 2026 3, nov 2026 < 5 patiënten, dec 2026 7.";
        Assert.Equal(described, (string?)svg.Attribute("aria-label"));
        Assert.Equal(described, svg.Element(Svg + "title")?.Value);
    }

    [Fact]
    public void a_suppressed_period_breaks_the_line_and_has_no_point()
    {
        var svg = Parse(SvgCharts.Line("Cijfer", [Point("a", 1), Point("b", 2), Point("c", null), Point("d", 4), Point("e", 5)], Plain));

        var path = (string)svg.Element(Svg + "path")!.Attribute("d")!;
        Assert.Equal(2, path.Count(c => c == 'M'));
        Assert.Equal(2, path.Count(c => c == 'L'));
        Assert.Equal(["a: 1", "b: 2", "d: 4", "e: 5"], svg.Elements(Svg + "circle").Select(c => c.Element(Svg + "title")!.Value));
    }

    [Fact]
    public void the_largest_value_touches_the_top_and_zero_lies_on_the_axis()
    {
        var svg = Parse(SvgCharts.Line("Cijfer", [Point("a", 0), Point("b", 10)], Plain));

        var circles = svg.Elements(Svg + "circle").ToList();
        var axis = svg.Element(Svg + "line")!;
        Assert.Equal((string?)axis.Attribute("y1"), (string?)circles[0].Attribute("cy"));
        Assert.Equal("16", (string?)circles[1].Attribute("cy"));
        Assert.Equal("8", (string?)circles[0].Attribute("cx"));
        Assert.Equal("312", (string?)circles[1].Attribute("cx"));
        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "10");
    }

    [Fact]
    public void a_series_without_any_value_draws_no_line_and_says_so()
    {
        var svg = Parse(SvgCharts.Line("Cijfer", [Point("a", null), Point("b", null)], Plain));

        Assert.Null(svg.Element(Svg + "path"));
        Assert.Empty(svg.Elements(Svg + "circle"));
        Assert.Equal("Cijfer: a < 5 patiënten, b < 5 patiënten.", (string?)svg.Attribute("aria-label"));
    }

    [Fact]
    public void coordinates_keep_a_decimal_point_when_the_reader_is_dutch()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("nl-NL");
        try
        {
            var markup = SvgCharts.Line("Cijfer", [Point("a", 1), Point("b", 3), Point("c", 2)], v => v.ToString("0.0", CultureInfo.CurrentCulture));
            var svg = Parse(markup);

            foreach (var number in svg.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName is "cx" or "cy" or "x" or "y" or "width" or "d"))
            {
                Assert.DoesNotContain(",", number.Value, StringComparison.Ordinal);
            }

            Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "3,0");
            Assert.Matches(Coordinate(), (string)svg.Element(Svg + "path")!.Attribute("d")!);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void labels_are_text_never_markup()
    {
        var markup = SvgCharts.Bars("<script>alert(1)</script>", [new ChartBar("Fysio & \"Zo\" <b>", 3, "3")]);

        Assert.DoesNotContain("<script>", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markup, StringComparison.Ordinal);
        var svg = Parse(markup);
        Assert.Equal("Fysio & \"Zo\" <b>", svg.Elements(Svg + "text").First().Value);
        Assert.StartsWith("<script>alert(1)</script>", svg.Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void bars_are_as_long_as_their_share_of_the_largest()
    {
        var svg = Parse(SvgCharts.Bars("Uitkomst, verdeling", [new ChartBar("Alleen advies", 6, "6"), new ChartBar("Verwijzing geadviseerd", 3, "3"), new ChartBar("Geen actie nodig", 0, "0")]));

        var widths = svg.Elements(Svg + "rect").Select(r => decimal.Parse((string)r.Attribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([264m, 132m, 0m], widths);
        Assert.Equal("Uitkomst, verdeling: Alleen advies 6, Verwijzing geadviseerd 3, Geen actie nodig 0.", (string?)svg.Attribute("aria-label"));
        Assert.Equal(["Alleen advies: 6", "Verwijzing geadviseerd: 3", "Geen actie nodig: 0"], svg.Elements(Svg + "rect").Select(r => r.Element(Svg + "title")!.Value));
        Assert.Equal("90", (string?)svg.Attribute("height"));
    }

    [Fact]
    public void all_zero_bars_have_no_length()
    {
        var svg = Parse(SvgCharts.Bars("Cijfer", [new ChartBar("a", 0, "0"), new ChartBar("b", 0, "0")]));

        Assert.All(svg.Elements(Svg + "rect"), r => Assert.Equal("0", (string?)r.Attribute("width")));
    }

    [Fact]
    public void no_chart_carries_a_style_attribute_or_a_script()
    {
        var markups = new[]
        {
            SvgCharts.Line("Cijfer", [Point("a", 1), Point("b", null), Point("c", 2)], Plain),
            SvgCharts.Bars("Cijfer", [new ChartBar("a", 2, "2")]),
        };

        foreach (var markup in markups)
        {
            var svg = Parse(markup);
            Assert.DoesNotContain(svg.DescendantsAndSelf().SelectMany(e => e.Attributes()), a => a.Name.LocalName == "style" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
            Assert.Empty(svg.Descendants(Svg + "script"));
            Assert.Empty(svg.Descendants(Svg + "style"));
        }
    }

    [GeneratedRegex(@"^M\d+(\.\d)? \d+(\.\d)?( L\d+(\.\d)? \d+(\.\d)?)+$")]
    private static partial Regex Coordinate();
}
