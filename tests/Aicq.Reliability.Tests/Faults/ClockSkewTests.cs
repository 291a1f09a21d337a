namespace Aicq.Reliability.Tests.Faults;

/// <summary>
/// One writer's clock is off while the steady traffic goes on: 100 s behind (stale) or 90 s ahead (in the future). The
/// appliance runs with production's 90 s signature window (the protocol's default is 30 s; a timestamp more than the
/// window old, or more than 1 s ahead, is refused), so every one of that writer's requests gets the protocol's 401, and
/// nobody else is affected. Behind, the skew is past the window on its own: a skew of exactly the window was decided by
/// the time in transit (a write that reached the API within the millisecond it was signed was rightly accepted), and a
/// CI run saw 2 of 16 such writes accepted.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ClockSkewTests(FaultAppliance fixture)
{
    private const string Expected =
        "every signed write of the skewed writer 401; everyone else's requests 2xx; " +
        "no 5xx; every acknowledged write readable";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task WriterClockOutsideTheWindow(int run)
    {
        var agent = await fixture.Appliance.NewAgentAsync("skewed");
        var offset = TimeSpan.FromSeconds(run == 2 ? 90 : -100);
        await using var r = await FaultRun.StartAsync(fixture);
        await using var skewed = SteadyTraffic.Start(fixture.Appliance.Edge.HttpsUrl, fixture.Appliance.Tls.Ca, new TrafficMix(0, 0, 1),
            fixture.Rooms, [agent], rate: 4, connections: 2, clock: new SkewedClock(offset));
        await Task.Delay(Aicq.Testing.Reliability.SuiteForm.Seconds(15, 4));
        await skewed.StopAsync();
        var writes = await r.FinishAsync();

        var verdict = new Verdict();
        var outcomes = r.Outcomes;
        verdict.Common(outcomes, TimeSpan.FromSeconds(2), writes);
        var everyoneElse = outcomes.Count(o => o.Expected);
        verdict.Check(everyoneElse == outcomes.Count, $"everyone else: {everyoneElse} of {outcomes.Count} requests as expected");
        var skewedRecords = skewed.Log.Records;
        var refused = skewedRecords.Count(x => x.Status == 401);
        var others = skewedRecords.Where(x => x.Status != 401).GroupBy(x => (x.Status, x.Error))
            .Select(g => $"{g.Count()} × {(g.Key.Status == 0 ? "no answer" : g.Key.Status)}{(g.Key.Error is null ? "" : $" ({g.Key.Error})")}").ToList();
        verdict.Check(skewedRecords.Count > 0 && refused == skewedRecords.Count,
            $"writer {offset.TotalSeconds:+0;-0} s off: {refused} of {skewedRecords.Count} writes 401{(others.Count > 0 ? $", others {string.Join(", ", others)}" : "")}");
        await verdict.RecordAsync("Clock skew past the signature window on one writer", run, Expected);
    }

    private sealed class SkewedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
