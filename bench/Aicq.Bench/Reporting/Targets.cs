namespace Aicq.Bench.Reporting;

internal enum TargetStatus { Met, Missed, NotMeasured }

/// <summary>One target of issue 2's benchmark, computed from the measured rows.</summary>
internal sealed record TargetCheck(string Target, string Measured, TargetStatus Status);

/// <summary>
/// The targets: signed POST throughput at least 0.6× public GET /room/{id}; private-room GET p50 at most
/// 1.5× public; the API's peak RSS at most 256 MB at 250 concurrent connections. Ratios compare rows taken at
/// the same (lowest measured) connection count; the RSS target looks at every row run with 250 or more.
/// </summary>
internal static class Targets
{
    public const double PostToGetThroughput = 0.6;
    public const double PrivateToPublicP50 = 1.5;
    public const double PeakRssMb = 256;
    public const int RssConnections = 250;

    public static IReadOnlyList<TargetCheck> Evaluate(IReadOnlyList<ScenarioResult> rows)
    {
        var connections = rows.Where(r => r.Scenario == "public-get").Select(r => r.Connections).DefaultIfEmpty(0).Min();
        ScenarioResult? Row(string scenario) => rows.FirstOrDefault(r => r.Scenario == scenario && r.Connections == connections);
        var publicGet = Row("public-get");
        return [Throughput(publicGet, Row("signed-post")), Latency(publicGet, Row("private-get")), Memory(rows)];
    }

    private static TargetCheck Throughput(ScenarioResult? get, ScenarioResult? post)
    {
        const string target = "Signed POST throughput ≥ 0.6× public GET /room/{id}";
        if (get is null || post is null || get.RequestsPerSecond <= 0) return new(target, "not measured", TargetStatus.NotMeasured);
        var ratio = post.RequestsPerSecond / get.RequestsPerSecond;
        var caveat = post.RanOut ? "; the pre-signed pool ran out, so the POST figure is a lower bound"
            : post.NonSuccessTotal > 0 ? $"; {post.NonSuccessTotal} POSTs were refused (non-2xx, not counted)" : "";
        return new(target,
            $"{ResultsTable.N(ratio, 2)}× ({ResultsTable.N(post.RequestsPerSecond, 0)} / {ResultsTable.N(get.RequestsPerSecond, 0)} req/s at {get.Connections} connections{caveat})",
            ratio >= PostToGetThroughput ? TargetStatus.Met : TargetStatus.Missed);
    }

    private static TargetCheck Latency(ScenarioResult? get, ScenarioResult? privateGet)
    {
        const string target = "Private-room GET p50 ≤ 1.5× public";
        if (get is null || privateGet is null || get.Latency.P50 <= 0) return new(target, "not measured", TargetStatus.NotMeasured);
        var ratio = privateGet.Latency.P50 / get.Latency.P50;
        return new(target,
            $"{ResultsTable.N(ratio, 2)}× ({ResultsTable.N(privateGet.Latency.P50, 2)} / {ResultsTable.N(get.Latency.P50, 2)} ms at {get.Connections} connections)",
            ratio <= PrivateToPublicP50 ? TargetStatus.Met : TargetStatus.Missed);
    }

    private static TargetCheck Memory(IReadOnlyList<ScenarioResult> rows)
    {
        const string target = "API peak RSS ≤ 256 MB at 250 concurrent connections";
        var measured = rows.Where(r => r.Connections >= RssConnections && r.ApiPeakRssMb is not null).ToList();
        if (measured.Count == 0) return new(target, "not measured", TargetStatus.NotMeasured);
        var peak = measured.MaxBy(r => r.ApiPeakRssMb)!;
        return new(target,
            $"{ResultsTable.N(peak.ApiPeakRssMb!.Value, 1)} MB (highest of {measured.Count} scenarios at {peak.Connections} connections: {peak.Scenario})",
            peak.ApiPeakRssMb <= PeakRssMb ? TargetStatus.Met : TargetStatus.Missed);
    }
}
