using System.Globalization;
using System.Security;
using System.Text;
using Aicq.StatusPage.History;

namespace Aicq.StatusPage.Components.Status;

/// <summary>
/// The response-time chart, drawn on the server as SVG: average (solid) and slowest (dashed) per 15-minute bucket,
/// with a labelled scale. Nothing is fetched by the browser.
/// </summary>
internal static class ChartSvg
{
    private const int Width = 600, Height = 160, Left = 48, Right = 8, Top = 10, Bottom = 22;

    public static string Render(IReadOnlyList<LatencyPoint> points)
    {
        var first = points[0].At;
        var last = points[^1].At;
        var span = Math.Max(1, (last - first).TotalSeconds);
        var top = NiceCeiling(points.Max(p => p.MaxMs));
        double X(DateTimeOffset at) => points.Count == 1 ? Left + (Width - Left - Right) / 2.0 : Left + (at - first).TotalSeconds / span * (Width - Left - Right);
        double Y(double ms) => Top + (1 - ms / top) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Width} {Height}" role="img" aria-label="{Escape(Describe(points))}">""");
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = Y(top * fraction);
            svg.Append(CultureInfo.InvariantCulture, $"""<line class="grid" x1="{Left}" x2="{Width - Right}" y1="{y:0.#}" y2="{y:0.#}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="axis" x="{Left - 6}" y="{y + 4:0.#}" text-anchor="end">{Escape(Format.Latency(top * fraction))}</text>""");
        }
        svg.Append(CultureInfo.InvariantCulture, $"""<text class="axis" x="{Left}" y="{Height - 6}">{first.UtcDateTime:HH:mm}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text class="axis" x="{Width - Right}" y="{Height - 6}" text-anchor="end">{last.UtcDateTime:HH:mm} UTC</text>""");
        if (points.Count == 1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<circle class="avg" cx="{X(first):0.#}" cy="{Y(points[0].AverageMs):0.#}" r="3"/>""");
        }
        else
        {
            svg.Append("<polyline class=\"max\" points=\"").Append(Line(points, p => p.MaxMs, X, Y)).Append("\"/>");
            svg.Append("<polyline class=\"avg\" points=\"").Append(Line(points, p => p.AverageMs, X, Y)).Append("\"/>");
        }
        return svg.Append("</svg>").ToString();
    }

    public static string Describe(IReadOnlyList<LatencyPoint> points)
    {
        var average = points.Average(p => p.AverageMs);
        var slowest = points.Max(p => p.MaxMs);
        return $"Response time over the last 24 hours: average {Format.Latency(average)}, slowest {Format.Latency(slowest)} (15-minute buckets, UTC).";
    }

    private static string Line(IReadOnlyList<LatencyPoint> points, Func<LatencyPoint, double> value, Func<DateTimeOffset, double> x, Func<double, double> y) =>
        string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{x(p.At):0.#},{y(value(p)):0.#}")));

    /// <summary>The next 1, 2 or 5 × 10ⁿ above the value, so the scale reads in round numbers.</summary>
    internal static double NiceCeiling(double value)
    {
        if (value <= 1) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (step * magnitude >= value) return step * magnitude;
        return 10 * magnitude;
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
