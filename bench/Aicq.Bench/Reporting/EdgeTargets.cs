using static Aicq.Bench.Reporting.ResultsTable;

namespace Aicq.Bench.Reporting;

/// <summary>
/// Issue 3's benchmark targets, from the rows of <c>Aicq.Bench edge</c>. "edge" is the production setting (rate
/// limits on); throughput compares closed-loop rows at the lowest connection count; latency compares the open-loop
/// rows (same fixed rate for all); the RSS target takes the highest edge peak at 250 or more connections.
/// </summary>
internal static class EdgeTargets
{
    public static IReadOnlyList<TargetCheck> Evaluate(IReadOnlyList<ViaResult> rows)
    {
        ViaResult? Closed(string via) => ClosedAtLowest(rows, via);
        ViaResult? Open(string via) => rows.FirstOrDefault(r => r.Via == via && !r.IsClosedLoop);
        var edge = Closed("edge");
        return
        [
            Ratio("Edge throughput ≥ 0.7× direct (GET /room/{id})", edge, Closed("direct"), r => r.RequestsPerSecond, 0.7, atLeast: true, "req/s"),
            Ratio("Edge throughput ≥ 0.85× nginx", edge, Closed("nginx"), r => r.RequestsPerSecond, 0.85, atLeast: true, "req/s"),
            Ratio("p99 at 50 % of direct's maximum load ≤ 1.5× direct", Open("edge"), Open("direct"), r => r.Latency.P99, 1.5, atLeast: false, "ms"),
            LimitsCost(edge, Closed("edge-no-limits")),
            Memory(rows),
        ];
    }

    /// <summary>
    /// The same throughput and memory figures for the <c>bare-yarp</c> rows (Kestrel, TLS and YARP alone): the
    /// floor of the stack the edge is built on, so a miss can be told apart as the edge's own cost or the stack's.
    /// </summary>
    public static string? Floor(IReadOnlyList<ViaResult> rows)
    {
        if (ClosedAtLowest(rows, "bare-yarp") is not { } bare) return null;
        string Times(string via) => ClosedAtLowest(rows, via) is { RequestsPerSecond: > 0 } other
            ? $"{N(bare.RequestsPerSecond / other.RequestsPerSecond, 2)}× {via}" : $"{via} not measured";
        var peak = rows.Where(r => r.Via == "bare-yarp" && r.Connections >= Targets.RssConnections).Max(r => r.ProxyPeakRssMb);
        var edge = ClosedAtLowest(rows, "edge-no-limits");
        return $"**Floor** (`bare-yarp`: Kestrel, TLS and YARP with nothing of the edge's own): {Times("direct")}, {Times("nginx")}, " +
               $"{CpuPerRequest(bare)} µs of proxy CPU per request{(edge is null ? "" : $" (edge-no-limits {CpuPerRequest(edge)} µs)")}, " +
               $"peak RSS {(peak is null ? "not measured" : $"{N(peak.Value, 1)} MB")} at {Targets.RssConnections} connections.";
    }

    /// <summary>The closed-loop row of <paramref name="via"/> at the lowest connection count of the run: the one targets compare.</summary>
    private static ViaResult? ClosedAtLowest(IReadOnlyList<ViaResult> rows, string via)
    {
        var connections = rows.Where(r => r.IsClosedLoop).Select(r => r.Connections).DefaultIfEmpty(0).Min();
        return rows.FirstOrDefault(r => r.Via == via && r.IsClosedLoop && r.Connections == connections);
    }

    private static string CpuPerRequest(ViaResult row) =>
        row.ProxyCpuPercent is { } cpu && row.RequestsPerSecond > 0 ? N(cpu / 100 / row.RequestsPerSecond * 1e6, 0) : "–";

    private static TargetCheck Ratio(string target, ViaResult? measured, ViaResult? baseline, Func<ViaResult, double> value, double bound, bool atLeast, string unit)
    {
        if (measured is null || baseline is null || value(baseline) <= 0) return new(target, "not measured", TargetStatus.NotMeasured);
        var ratio = value(measured) / value(baseline);
        var load = measured.Rate is { } rate ? $"open loop at {N(rate, 0)} req/s" : "closed loop";
        return new(target,
            $"{N(ratio, 2)}× ({N(value(measured), 2)} / {N(value(baseline), 2)} {unit}, {measured.Connections} connections, {load})",
            (atLeast ? ratio >= bound : ratio <= bound) ? TargetStatus.Met : TargetStatus.Missed);
    }

    private static TargetCheck LimitsCost(ViaResult? on, ViaResult? off)
    {
        const string target = "Rate limiting + metrics cost ≤ 5 % throughput";
        if (on is null || off is null || off.RequestsPerSecond <= 0) return new(target, "not measured", TargetStatus.NotMeasured);
        var cost = 1 - on.RequestsPerSecond / off.RequestsPerSecond;
        return new(target,
            $"{N(100 * cost, 1)} % ({N(on.RequestsPerSecond, 0)} req/s with limits, {N(off.RequestsPerSecond, 0)} without); rate limiting only: " +
            "the edge has no setting that turns its metrics off, so both runs pay for them",
            cost <= 0.05 ? TargetStatus.Met : TargetStatus.Missed);
    }

    private static TargetCheck Memory(IReadOnlyList<ViaResult> rows)
    {
        const string target = "Edge peak RSS ≤ 128 MB at 250 connections";
        var measured = rows.Where(r => r.Via.StartsWith("edge", StringComparison.Ordinal) && r.Connections >= Targets.RssConnections && r.ProxyPeakRssMb is not null).ToList();
        if (measured.Count == 0) return new(target, "not measured", TargetStatus.NotMeasured);
        var peak = measured.MaxBy(r => r.ProxyPeakRssMb)!;
        return new(target, $"{N(peak.ProxyPeakRssMb!.Value, 1)} MB (highest edge row at {peak.Connections} connections: {peak.Via})",
            peak.ProxyPeakRssMb <= 128 ? TargetStatus.Met : TargetStatus.Missed);
    }
}
