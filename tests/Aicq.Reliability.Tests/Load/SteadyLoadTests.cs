namespace Aicq.Reliability.Tests.Load;

/// <summary>
/// Issue 7's steady load: the mixed traffic (60 % reads, 15 % search, 25 % signed writes) through the real edge
/// at a rate well under capacity, for 10 minutes (bounded: 60 s). Every request must succeed, every acknowledged
/// write must be readable afterwards, and the tail latency must stay sane.
/// </summary>
public sealed class SteadyLoadTests
{
    /// <summary>
    /// 200 req/s: the whole appliance (edge with TLS, two API instances, PostgreSQL, Redis) and this generator
    /// share two cores. Measured with the step test while other builds ran (load average 25-40), 2xx throughput
    /// topped out between 700 and 1 400 req/s and the knee fell between 340 and 1 000 req/s. 200 stays under the
    /// lowest knee seen, so the test measures a steady state rather than the machine's other tenants.
    /// </summary>
    public const double Rate = 200;

    /// <summary>Enough in flight for any hiccup at 200 req/s (a 300 ms stall needs 60), never a bound on a healthy run.</summary>
    public const int Connections = 64;

    /// <summary>25 % of 200 req/s over 16 agents is ~3 writes/s each: ~6 KiB/min of bodies, well under the 32 KiB/min budget.</summary>
    public const int Agents = 16;

    [Fact]
    public async Task SteadyMixedLoad_AllSucceed_WritesReadable_TailLatencySane()
    {
        var duration = SuiteForm.Seconds(600, 60);
        // Generous under noise: two cores shared with other builds; a real queueing problem shows as seconds.
        var p99Bound = SuiteForm.Pick(1000.0, 1500.0);
        await using var rig = await LoadRig.StartAsync(Agents);
        // A fresh appliance runs unoptimised code and fills its pools in its first seconds (tiered JIT): a CI run on a
        // busy machine saw 10 of its first requests shed after 3 s. Warm it at a quarter of the rate, unmeasured; a cold
        // start may shed (503 with Retry-After), but it must never fault.
        TrafficSummary warm;
        await using (var warmUp = rig.StartTraffic(Rate / 4, Connections))
        {
            await Task.Delay(SuiteForm.Seconds(10, 5));
            await warmUp.StopAsync();
            warm = TrafficSummary.Of(warmUp.Log.Records, SuiteForm.Seconds(10, 5));
        }
        await using var traffic = rig.StartTraffic(Rate, Connections);
        await Task.Delay(duration);
        await traffic.StopAsync();

        var all = TrafficSummary.Of(traffic.Log.Records, duration);
        var missing = await rig.MissingWritesAsync(traffic.Log);
        var expectedCount = Rate * duration.TotalSeconds;
        var measured = $"{TrafficSummary.N(all.Count)} requests at {Rate:0} req/s for {duration.TotalSeconds:0} s " +
                       $"({all.Goodput:0} 2xx/s); overall {all.Overall}; {all.KindText}; statuses {all.StatusText}; " +
                       $"{all.ServerFaults.Count} × 5xx or no answer; {TrafficSummary.N(traffic.Log.Writes.Count)} acknowledged writes, {missing.Count} missing";
        measured += $"; warm-up {TrafficSummary.N(warm.Count)} requests, statuses {warm.StatusText}";
        var passed = all.Failed == 0 && missing.Count == 0 && all.Overall.P99 <= p99Bound && all.Count >= expectedCount * 0.95
                     && warm.ServerFaults.Count == 0 && warm.ShedWithoutRetryAfter == 0;
        await ReliabilityReport.CheckAsync(ReliabilitySuite.Load, "steady mixed load",
            $"{Rate:0} req/s of 60 % reads, 15 % search, 25 % signed writes through the edge, after an unmeasured warm-up with no fault: every request 2xx (0 × 5xx, 0 failed), " +
            $"every acknowledged write readable afterwards, p99 ≤ {p99Bound:0} ms",
            measured + (all.Failed > 0 ? $"; first failures: {all.FailureSample}" : ""), passed);
    }
}
