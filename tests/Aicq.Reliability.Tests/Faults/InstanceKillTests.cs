namespace Aicq.Reliability.Tests.Faults;

/// <summary>
/// One API instance SIGKILLed under steady traffic. Only requests the edge had already sent to it can fail (the kernel
/// resets their connections; the edge never resends a request that may have been processed); a new request that meets
/// the dead instance gets a refused connection, which the edge retries on the other instance. The edge's passive and
/// active checks (readiness every second here, two failures) take it out of rotation; a replacement on the same port
/// rejoins by itself.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class InstanceKillTests(FaultAppliance fixture)
{
    /// <summary>
    /// At 40 requests a second answered in milliseconds, one or two are in flight at an instance at any moment; the
    /// kernel needs a little while (longer on a busy machine) to tear a large process down, and a request the edge sends
    /// in that while is lost too.
    /// </summary>
    private const int LostBound = 5;

    private const string Expected =
        "client-visible failures (502 or no answer) only for requests sent before the killed process was gone, at most 5; no 500; " +
        "everything else 2xx; out of the edge's rotation (aicq_edge_upstream_healthy 0) within 10 s; the replacement back in rotation " +
        "within 30 s of its start; the other instance's liveness 200 throughout; every acknowledged write readable";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task OneInstanceKilled(int run)
    {
        var victim = run % 2;
        await using var r = await FaultRun.StartAsync(fixture);
        var killed = r.Now;
        await Instances.KillAsync(r, victim);
        var gone = r.Now;
        var left = await Instances.WaitEdgeAsync(r, victim, 0, killed, TimeSpan.FromSeconds(12));
        await Task.Delay(SuiteForm.Seconds(10, 1)); // serving on one instance
        var replacing = r.Now;
        var rejoined = await Instances.ReplaceAsync(r, victim, replacing);
        await Task.Delay(SuiteForm.Seconds(5, 1)); // both instances again
        var end = r.Now;
        var writes = await r.FinishAsync();

        var outcomes = r.Outcomes;
        var failed = outcomes.Where(o => !o.Expected).ToList();
        var atTheKill = failed.Where(o => o.Sent <= gone && o.Sent + o.Latency >= killed).ToList();
        var verdict = new Verdict();
        verdict.Common(outcomes, TimeSpan.FromSeconds(2), writes, allowedFaults: Math.Min(atTheKill.Count, LostBound));
        verdict.Check(failed.Count == atTheKill.Count && failed.All(o => o.Status is 0 or 502),
            $"{failed.Count} failed requests, {atTheKill.Count} of them sent before the process was gone ({Outcomes.Ms(gone - killed)} after SIGKILL)" +
            (failed.Count == 0 ? "" : ": " + string.Join(", ", failed.Select(f => $"{f.Kind} {f.Status} sent at {Outcomes.Ms(f.Sent - killed)}"))));
        verdict.Check(left is not null && left <= TimeSpan.FromSeconds(10), $"out of rotation {Outcomes.Seconds(left)} after the kill");
        verdict.Check(rejoined.InRotation is not null, Instances.Describe(rejoined));
        verdict.Liveness(r.Watch, [1 - victim], TimeSpan.Zero, end);
        await verdict.RecordAsync("One API instance killed (SIGKILL)", run, Expected);
    }
}
