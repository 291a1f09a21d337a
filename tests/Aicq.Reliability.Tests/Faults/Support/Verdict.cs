namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>
/// Collects a case's checks: each adds its measured words and whether it held. <see cref="RecordAsync"/> writes one row
/// per case and run into docs/reliability.md and fails the test with every broken check named.
/// </summary>
public sealed class Verdict
{
    private readonly List<string> _measured = [];
    private readonly List<string> _broken = [];

    public void Check(bool held, string measured)
    {
        _measured.Add(measured);
        if (!held) _broken.Add(measured);
    }

    /// <summary>The checks every case makes: nothing but 2xx/4xx/503 (never 500, never a hang), 503s fast, writes kept.</summary>
    public void Common(IReadOnlyList<Outcome> outcomes, TimeSpan fast503, (int Checked, int Missing) writes, int allowedFaults = 0)
    {
        var faults = outcomes.Where(o => o.IsServerFault).ToList();
        var unavailable = outcomes.Where(o => o.Status == 503).Select(o => o.Latency).ToList();
        var slowest = outcomes.Count == 0 ? TimeSpan.Zero : outcomes.Max(o => o.Latency);
        var faultText = faults.Count == 0 ? "" : " (" + string.Join(", ", faults.GroupBy(f => $"{f.Kind} {f.Status}").Select(g => $"{g.Count()}× {g.Key}")) + ")";
        Check(faults.Count <= allowedFaults, $"{faults.Count} × 5xx other than 503 or no answer in {outcomes.Count} requests{faultText}");
        var p99 = Outcomes.Percentile(unavailable, 0.99);
        Check(p99 < fast503, unavailable.Count == 0 ? "no 503" : $"{unavailable.Count} × 503, p99 {Outcomes.Ms(p99)}");
        Check(slowest < TimeSpan.FromSeconds(10), $"slowest answer {Outcomes.Ms(slowest)}");
        Check(writes.Missing == 0, $"{writes.Missing} of {writes.Checked} acknowledged writes missing");
    }

    /// <summary>Liveness of <paramref name="instances"/> answered 200 in every sample of the run.</summary>
    public void Liveness(HealthWatch watch, IEnumerable<int> instances, TimeSpan from, TimeSpan to)
    {
        var samples = instances.SelectMany(i => watch.Of(i, HealthWatch.Live, from, to)).ToList();
        var bad = samples.Count(s => s.Value != 200);
        Check(samples.Count > 0 && bad == 0, $"liveness 200 in {samples.Count - bad} of {samples.Count} samples");
    }

    public void Recovery(TimeSpan? recovery, string what)
    {
        Check(recovery is not null && recovery <= TimeSpan.FromSeconds(10), $"{what} recovered in {Outcomes.Seconds(recovery)}");
    }

    public Task RecordAsync(string caseName, int run, string expected)
    {
        var measured = string.Join("; ", _measured);
        var failed = _broken.Count == 0 ? "" : " — broken: " + string.Join("; ", _broken);
        return ReliabilityReport.CheckAsync(ReliabilitySuite.Faults, $"{caseName} (run {run})", expected, measured + failed, _broken.Count == 0);
    }
}
