namespace Aicq.Reliability.Tests.Load;

/// <summary>
/// Issue 7's step test: the open-loop rate rises ×1.5 per step until the appliance stops keeping up. The knee
/// (the last rate served in full with p99 under the bound, and the first that was not) is measured and
/// reported, not asserted: it depends on what else runs on the machine. What is asserted is how overload
/// shows: only as 429 or 503 with <c>Retry-After</c>, never another 5xx, a reset or a timeout.
/// </summary>
public sealed class StepLoadTests
{
    private const double FirstRate = 200; // the steady rate: the first step is one the appliance is known to serve
    private const double Factor = 1.5;
    private const int MaxSteps = 10;

    /// <summary>
    /// Far more than the two instances take on (2 × 64 running + 2 × 64 queued), so past the knee the API's
    /// load shedding is what answers, rather than this client's own connection limit holding requests back.
    /// </summary>
    private const int Connections = 512;

    /// <summary>A step is served when p99 of its 2xx stays under this and 90 % of its rate comes back 2xx.</summary>
    private const double P99BoundMs = 1000;

    [Fact]
    public async Task RisingRate_FindsTheKnee_OverloadOnlyAs429Or503WithRetryAfter()
    {
        var stepLength = SuiteForm.Seconds(25, 4);
        var settle = SuiteForm.Seconds(5, 1); // a new step opens its connections first: measure after that
        // 25 % writes at ~4 000 req/s over 128 agents is ~8 writes/s each: ~14 KiB/min, under the 32 KiB/min budget.
        // Limits ×1000 (the edge's maximum): a single client address gets ~2 000 reads/s and ~500 searches/s.
        await using var rig = await LoadRig.StartAsync(agents: 128, rateLimitMultiplier: "1000");
        // A fresh appliance runs unoptimised code for its first seconds (tiered JIT): warm it at the first rate, unmeasured.
        // Faults are counted over every request, warm-up and settling included: new connections fail there if anywhere.
        var everything = new List<TrafficRecord>();
        await using (var warmUp = rig.StartTraffic(FirstRate, Connections))
        {
            await Task.Delay(SuiteForm.Seconds(20, 5));
            await warmUp.StopAsync();
            everything.AddRange(warmUp.Log.Records);
        }
        var steps = new List<StepResult>();
        var rate = FirstRate;
        for (var i = 0; i < MaxSteps && steps.Count(s => !s.Served) < 2; i++, rate *= Factor)
        {
            await using var traffic = rig.StartTraffic(rate, Connections);
            await Task.Delay(stepLength);
            await traffic.StopAsync();
            everything.AddRange(traffic.Log.Records);
            var summary = TrafficSummary.Of(traffic.Log, settle, stepLength);
            steps.Add(new StepResult(rate, summary, summary.Goodput >= rate * 0.9 && summary.SucceededLatency.P99 <= P99BoundMs && summary.Failed == 0));
        }

        var all = TrafficSummary.Of(everything, TimeSpan.FromTicks(steps.Count * stepLength.Ticks));
        var knee = steps.TakeWhile(s => s.Served).LastOrDefault();
        var broke = steps.FirstOrDefault(s => !s.Served);
        var kneeText = knee is null ? $"not even {FirstRate:0} req/s served" : $"knee {knee.Rate:0} req/s (p99 {Percentiles.Ms(knee.Summary.SucceededLatency.P99)} ms)";
        var brokeText = broke is null ? $"no break up to {rate / Factor:0} req/s" : $"breaks at {broke.Rate:0} req/s ({broke.Summary.Goodput:0} 2xx/s, p99 {Percentiles.Ms(broke.Summary.SucceededLatency.P99)} ms)";
        var measured = $"{kneeText}; {brokeText}; steps: {string.Join(", ", steps)}; overall {TrafficSummary.N(all.Count)} requests, " +
                       $"statuses {all.StatusText}; {all.Shed} × 429/503 of which {all.ShedWithoutRetryAfter} without Retry-After, answered in {all.ShedLatency}; " +
                       $"{all.ServerFaults.Count} × other 5xx or no answer" + (all.ServerFaults.Count > 0 ? $" ({all.FaultSample})" : "");
        await ReliabilityReport.CheckAsync(ReliabilitySuite.Load, "step test to the knee",
            $"rate ×{Factor} per {stepLength.TotalSeconds:0} s step from {FirstRate:0} req/s; knee measured (served = ≥ 90 % 2xx/s, p99 ≤ {P99BoundMs:0} ms); " +
            "overload only as 429/503 with Retry-After, 0 × other 5xx, resets or timeouts",
            measured, all.ServerFaults.Count == 0 && all.ShedWithoutRetryAfter == 0);
    }

    private sealed record StepResult(double Rate, TrafficSummary Summary, bool Served)
    {
        public override string ToString()
        {
            var shed = Summary.Shed == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                $", {Summary.ShedRate:0} shed/s ({Summary.Shed / (double)Summary.Count:P0}) answered in p50 {Percentiles.Ms(Summary.ShedLatency.P50)} / p99 {Percentiles.Ms(Summary.ShedLatency.P99)} ms");
            var faults = Summary.ServerFaults.Count == 0 ? "" : $" {Summary.ServerFaults.Count} faults";
            return string.Create(CultureInfo.InvariantCulture,
                $"{Rate:0} → {Summary.Goodput:0} 2xx/s p99 {Percentiles.Ms(Summary.SucceededLatency.P99)} / p99.9 {Percentiles.Ms(Summary.SucceededLatency.P999)} ms{shed}{faults}");
        }
    }
}
