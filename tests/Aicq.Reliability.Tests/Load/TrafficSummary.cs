namespace Aicq.Reliability.Tests.Load;

/// <summary>
/// What a stretch of traffic saw, in the terms the load suite asserts and reports: statuses, latency
/// percentiles per kind and overall, server faults (a 5xx other than 503, or no answer at all) and
/// refusals (429/503) that did not say when to come back.
/// </summary>
public sealed class TrafficSummary
{
    private TrafficSummary(IReadOnlyList<TrafficRecord> records, TimeSpan duration)
    {
        Records = records;
        Duration = duration;
        Overall = Percentiles.Of(records.Select(r => r.Latency));
        ByKind = Enum.GetValues<TrafficKind>().ToDictionary(k => k, k => Percentiles.Of(records.Where(r => r.Kind == k).Select(r => r.Latency)));
        Statuses = records.GroupBy(r => r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
    }

    public IReadOnlyList<TrafficRecord> Records { get; }
    public TimeSpan Duration { get; }
    public Percentiles Overall { get; }
    public IReadOnlyDictionary<TrafficKind, Percentiles> ByKind { get; }
    public IReadOnlyDictionary<int, int> Statuses { get; }

    public int Count => Records.Count;
    public int Succeeded => Records.Count(r => r.Succeeded);
    public int Failed => Count - Succeeded;
    public IReadOnlyList<TrafficRecord> ServerFaults => Records.Where(r => r.IsServerFault).ToList();
    public int Shed => Records.Count(r => r.Status is 429 or 503);
    public int ShedWithoutRetryAfter => Records.Count(r => r.Status is 429 or 503 && !r.HasRetryAfter);

    /// <summary>Refusals (429/503) per second of the stretch.</summary>
    public double ShedRate => Shed / Duration.TotalSeconds;

    /// <summary>How long the refusals took: a shed answer is only useful if it is fast.</summary>
    public Percentiles ShedLatency => Percentiles.Of(Records.Where(r => r.Status is 429 or 503).Select(r => r.Latency));

    /// <summary>Successful responses per second of the stretch.</summary>
    public double Goodput => Succeeded / Duration.TotalSeconds;

    /// <summary>Percentiles of the successful responses only (an overloaded step's fast 503s would flatter them).</summary>
    public Percentiles SucceededLatency => Percentiles.Of(Records.Where(r => r.Succeeded).Select(r => r.Latency));

    /// <summary>The records of <paramref name="log"/> sent within [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static TrafficSummary Of(TrafficLog log, TimeSpan from, TimeSpan to) => new(log.Between(from, to), to - from);

    public static TrafficSummary Of(IReadOnlyList<TrafficRecord> records, TimeSpan duration) => new(records, duration);

    /// <summary>For example <c>201: 480, 200: 1 430, 503: 12</c>.</summary>
    public string StatusText => string.Join(", ", Statuses.Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString(CultureInfo.InvariantCulture))}: {N(s.Value)}"));

    public string KindText => string.Join("; ", ByKind.Select(k => $"{k.Key.ToString().ToLowerInvariant()} {k.Value}"));

    /// <summary>The first few faults, for a failure message.</summary>
    public string FaultSample => Sample(ServerFaults);

    /// <summary>The first few requests that did not succeed, for a failure message.</summary>
    public string FailureSample => Sample(Records.Where(r => !r.Succeeded));

    private static string Sample(IEnumerable<TrafficRecord> records) =>
        string.Join("; ", records.Take(3).Select(f => $"{f.Kind} sent at {f.Sent.TotalSeconds:0.0} s: {(f.Status == 0 ? "no answer" : f.Status)} after {f.Latency.TotalMilliseconds:0} ms {f.Error}"));

    public static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(",", " ");
}
