namespace Aicq.Reliability.Tests.Support;

/// <summary>
/// Nearest-rank latency percentiles of some requests, in milliseconds, as the report prints them; <see cref="Rank"/> is
/// the one percentile every suite uses.
/// </summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double P999, double Max)
{
    public static Percentiles Of(IEnumerable<TimeSpan> latencies)
    {
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0) return new Percentiles(0, 0, 0, 0, 0, 0);
        return new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), Rank(sorted, 0.999), sorted[^1]);
    }

    /// <summary>The <paramref name="quantile"/> (0–1) of <paramref name="values"/> by nearest rank; 0 when there are none.</summary>
    public static double Rank(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : Rank(sorted, quantile);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>For example <c>p50 3.1 / p95 8.4 / p99 21 / p99.9 48 ms</c>.</summary>
    public override string ToString() => $"p50 {Ms(P50)} / p95 {Ms(P95)} / p99 {Ms(P99)} / p99.9 {Ms(P999)} ms";

    public static string Ms(double milliseconds) =>
        milliseconds.ToString(milliseconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
