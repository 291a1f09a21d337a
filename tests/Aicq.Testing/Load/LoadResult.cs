namespace Aicq.Testing.Load;

/// <summary>What the workers measured in the window, merged; latencies are of 2xx responses only.</summary>
public sealed record LoadResult
{
    public required long Succeeded { get; init; }
    public required double RequestsPerSecond { get; init; }
    public required LatencySummary Latency { get; init; }
    public required IReadOnlyDictionary<int, long> NonSuccess { get; init; }
    public required long Errors { get; init; }
    public string? FirstError { get; init; }
    public required double ResponseBytesPerRequest { get; init; }

    /// <summary>True when a finite request source (pre-signed POSTs) ran out before the window ended.</summary>
    public required bool RanOut { get; init; }

    public static LoadResult Merge(IReadOnlyCollection<LoadWorker> workers, TimeSpan duration)
    {
        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(latencies);
        var nonSuccess = workers.SelectMany(w => w.NonSuccess)
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var errors = workers.Sum(w => w.Errors);
        var responses = latencies.Length + nonSuccess.Values.Sum();
        return new LoadResult
        {
            Succeeded = latencies.Length,
            RequestsPerSecond = latencies.Length / duration.TotalSeconds,
            Latency = LatencySummary.Of(latencies),
            NonSuccess = nonSuccess,
            Errors = errors,
            FirstError = workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            ResponseBytesPerRequest = responses == 0 ? 0 : workers.Sum(w => w.ResponseBytes) / (double)responses,
            RanOut = workers.Any(w => w.RanOut),
        };
    }
}

/// <summary>Percentiles (nearest rank) of a sorted array of Stopwatch ticks, in milliseconds.</summary>
public sealed record LatencySummary(double Mean, double P50, double P90, double P99, double P999, double Max)
{
    public static LatencySummary Of(long[] sorted)
    {
        if (sorted.Length == 0) return new LatencySummary(0, 0, 0, 0, 0, 0);
        return new LatencySummary(Ms(sorted.Average()), Ms(Rank(sorted, 0.50)), Ms(Rank(sorted, 0.90)), Ms(Rank(sorted, 0.99)),
            Ms(Rank(sorted, 0.999)), Ms(sorted[^1]));
    }

    private static long Rank(long[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Ms(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
