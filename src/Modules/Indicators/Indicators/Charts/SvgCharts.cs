using System.Globalization;
using System.Security;
using System.Text;

namespace Schakel.Indicators.Charts;

/// <summary>One period on a line chart: no value draws a gap; <paramref name="Text"/> says the value in words ("83,3 %", "onderdrukt").</summary>
public sealed record ChartPoint(string Label, decimal? Value, string Text);

/// <summary>One bar: <paramref name="Text"/> is the value as the reader sees it ("12").</summary>
public sealed record ChartBar(string Label, decimal Value, string Text);

/// <summary>
/// The dashboard's charts as inline SVG, drawn on the server: no script, no external service, no
/// style attributes (the portal's Content-Security-Policy forbids inline styles; presentation
/// attributes and the module's stylesheet classes are allowed). Pure: data and words in, markup
/// out. The caller supplies every word already in the reader's language; coordinates are written
/// invariantly (a Dutch decimal comma would break the drawing). Every chart is an image with a
/// title that says what it shows, point by point, for a screen reader.
/// </summary>
public static class SvgCharts
{
    public const int Width = 320;

    public const int LineHeight = 120;

    private const int Left = 8;
    private const int Right = 8;
    private const int Top = 16;
    private const int Bottom = 20;
    private const int BarRow = 30;
    private const int BarThickness = 10;

    /// <summary>
    /// A line through the points, oldest first; a point without a value breaks the line. The y axis
    /// starts at zero and ends at the largest value (its label in the top left corner, written as
    /// <paramref name="formatAxis"/> says); the first and last periods label the x axis.
    /// </summary>
    public static string Line(string title, IReadOnlyList<ChartPoint> points, Func<decimal, string> formatAxis)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(formatAxis);
        var description = Describe(title, points.Select(p => (p.Label, p.Text)));
        var svg = Open("chart chart-line", Width, LineHeight, description);
        var max = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).DefaultIfEmpty(0).Max();
        var scale = max <= 0 ? 1 : max;
        var plotWidth = Width - Left - Right;
        var plotHeight = LineHeight - Top - Bottom;
        var baseline = Top + plotHeight;
        decimal X(int i) => points.Count == 1 ? Left + plotWidth / 2m : Left + (decimal)plotWidth * i / (points.Count - 1);
        decimal Y(decimal value) => baseline - plotHeight * Math.Max(value, 0) / scale;

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-axis\" x1=\"{Left}\" y1=\"{baseline}\" x2=\"{Width - Right}\" y2=\"{baseline}\" stroke=\"#8a96a3\" stroke-width=\"1\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{Left}\" y=\"{Top - 4}\" font-size=\"10\" fill=\"#5b6776\">{Encode(formatAxis(max))}</text>");

        var path = new StringBuilder();
        var drawing = false;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } value)
            {
                drawing = false;
                continue;
            }

            path.Append(drawing ? " L" : (path.Length == 0 ? "M" : " M")).Append(Number(X(i))).Append(' ').Append(Number(Y(value)));
            drawing = true;
        }

        if (path.Length > 0)
        {
            svg.Append("<path class=\"chart-series\" d=\"").Append(path).Append("\" fill=\"none\" stroke=\"#0b6e69\" stroke-width=\"2\"/>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } value)
            {
                svg.Append("<circle class=\"chart-point\" cx=\"").Append(Number(X(i))).Append("\" cy=\"").Append(Number(Y(value)))
                    .Append("\" r=\"3\" fill=\"#0b6e69\"><title>").Append(Encode($"{points[i].Label}: {points[i].Text}")).Append("</title></circle>");
            }
        }

        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{Left}\" y=\"{LineHeight - 4}\" font-size=\"10\" fill=\"#5b6776\">{Encode(points[0].Label)}</text>");
        }

        if (points.Count > 1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{Width - Right}\" y=\"{LineHeight - 4}\" font-size=\"10\" fill=\"#5b6776\" text-anchor=\"end\">{Encode(points[^1].Label)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, one row each (label above its bar, value after it), scaled to the largest value.</summary>
    public static string Bars(string title, IReadOnlyList<ChartBar> bars)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(bars);
        var height = Math.Max(bars.Count, 1) * BarRow;
        var svg = Open("chart chart-bars", Width, height, Describe(title, bars.Select(b => (b.Label, b.Text))));
        var max = bars.Select(b => b.Value).DefaultIfEmpty(0).Max();
        var room = Width - Left - Right - 40; // leave room for the value after the longest bar
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var top = i * BarRow;
            var length = max <= 0 ? 0 : room * Math.Max(bar.Value, 0) / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{Left}\" y=\"{top + 11}\" font-size=\"11\" fill=\"#1b2430\">{Encode(bar.Label)}</text>");
            svg.Append("<rect class=\"chart-bar\" x=\"").Append(Left).Append("\" y=\"").Append(top + 15).Append("\" width=\"").Append(Number(length))
                .Append("\" height=\"").Append(BarThickness).Append("\" fill=\"#0b6e69\"><title>").Append(Encode($"{bar.Label}: {bar.Text}")).Append("</title></rect>");
            svg.Append("<text class=\"chart-value\" x=\"").Append(Number(Left + length + 4)).Append("\" y=\"").Append(top + 24)
                .Append("\" font-size=\"11\" fill=\"#1b2430\">").Append(Encode(bar.Text)).Append("</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>"Title: label value, label value." — the chart's accessible name and its title.</summary>
    private static string Describe(string title, IEnumerable<(string Label, string Text)> values)
    {
        var list = string.Join(", ", values.Select(v => $"{v.Label} {v.Text}"));
        return list.Length == 0 ? title : $"{title}: {list}.";
    }

    private static StringBuilder Open(string classes, int width, int height, string description) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{classes}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"")
            .Append(Encode(description)).Append("\"><title>").Append(Encode(description)).Append("</title>");

    /// <summary>Coordinates with a decimal point, to one decimal, whatever the reader's culture.</summary>
    private static string Number(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Text for an element or attribute: &amp; &lt; &gt; &quot; &apos; escaped.</summary>
    private static string Encode(string text) => SecurityElement.Escape(text);
}
