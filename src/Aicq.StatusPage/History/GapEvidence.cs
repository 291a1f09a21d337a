using Aicq.StatusPage.State;

namespace Aicq.StatusPage.History;

/// <summary>
/// One blackbox probe series (one probed target) over one span of a gap: the worst <c>probe_success</c>, the slowest
/// <c>probe_duration_seconds</c> and the highest <c>probe_http_status_code</c> (0: no HTTP answer at all) Prometheus
/// holds for the span that ends at <see cref="At"/> and is one query step long.
/// </summary>
public sealed record ProbePoint(DateTimeOffset At, double Success, double DurationSeconds, double HttpStatus);

/// <summary>What the blackbox probe saw of the edge from <see cref="From"/> (exclusive) to <see cref="To"/>.</summary>
public sealed record EvidenceSpan(DateTimeOffset From, DateTimeOffset To, ComponentState State);

/// <summary>
/// The arithmetic of Prometheus' evidence about a gap in the status page's own checks, pure so it is tested without
/// Prometheus. The gap is cut into spans one step long, each ending at a query point; a span Prometheus holds no probe
/// result for is no evidence (unknown). A span in which every probed target failed without any HTTP answer (no
/// connection, no TLS) is an <b>outage</b> of the edge, as the page's own check would have called it; one in which a
/// probe failed on an HTTP answer (a 503 of the edge, or of the API behind it), or only some targets failed, or all
/// succeeded but one was slower than STATUS_SLOW_RESPONSE_MS, is <b>degraded</b> (down in uptime, but no outage); one
/// in which every probe got the edge's 200 in time is <b>operational</b>:
/// the probe asks the edge for the same <c>/health</c> the page does, through the same TLS, so a 200 is what the
/// page's own check would have called operational.
/// </summary>
public static class GapEvidence
{
    /// <summary>At most this many points per query: a two-day gap at a 30 s interval is asked for in 173 s steps.</summary>
    public const int MaxPoints = 1000;

    /// <summary>One check interval, or longer (whole seconds) so that the gap takes at most <see cref="MaxPoints"/> points.</summary>
    public static TimeSpan Step(CheckGap gap, TimeSpan checkInterval) =>
        TimeSpan.FromSeconds(Math.Ceiling(Math.Max(checkInterval.TotalSeconds, (gap.To - gap.From).TotalSeconds / MaxPoints)));

    /// <summary>The query points: one step after the gap's start, then every step, up to its end.</summary>
    public static int PointCount(CheckGap gap, TimeSpan step) => (int)Math.Floor((gap.To - gap.From) / step);

    /// <summary>Consecutive points of one state merged into spans, in time order.</summary>
    public static IReadOnlyList<EvidenceSpan> Spans(IEnumerable<ProbePoint> points, TimeSpan step, TimeSpan slow)
    {
        var spans = new List<EvidenceSpan>();
        foreach (var point in points.GroupBy(p => p.At).OrderBy(g => g.Key))
        {
            var state = StateOf(point.ToList(), slow);
            if (spans.Count > 0 && spans[^1] is { } last && last.State == state && last.To + step == point.Key)
                spans[^1] = last with { To = point.Key };
            else
                spans.Add(new EvidenceSpan(point.Key - step, point.Key, state));
        }
        return spans;
    }

    /// <summary>
    /// The check rows the spans stand for: at the places <see cref="HistorySql.FillOutage"/> fills, one check interval
    /// apart from the gap's start and the last at least half an interval before its end, each with the state of the span
    /// it falls in; a place no span covers gets no row and stays unknown.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset At, ComponentState State)> Rows(CheckGap gap, IReadOnlyList<EvidenceSpan> spans, TimeSpan checkInterval)
    {
        var rows = new List<(DateTimeOffset, ComponentState)>();
        for (var at = gap.From + checkInterval; at <= gap.To - checkInterval / 2; at += checkInterval)
            if (spans.FirstOrDefault(s => s.From < at && at <= s.To) is { } span) rows.Add((at, span.State));
        return rows;
    }

    private static ComponentState StateOf(List<ProbePoint> targets, TimeSpan slow)
    {
        var failed = targets.Count(t => t.Success < 1);
        if (failed == targets.Count && targets.All(t => t.HttpStatus <= 0)) return ComponentState.Outage;
        if (failed > 0 || targets.Any(t => t.DurationSeconds >= slow.TotalSeconds)) return ComponentState.Degraded;
        return ComponentState.Operational;
    }
}
