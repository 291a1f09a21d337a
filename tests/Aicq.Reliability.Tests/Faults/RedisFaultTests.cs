namespace Aicq.Reliability.Tests.Faults;

/// <summary>
/// Redis holds messages, the search index and nonces, so while it is gone every read, search and signed write must
/// answer a fast 503; <c>GET /channels</c> needs only PostgreSQL and must keep working. A killed Redis refuses at
/// once; a hung one costs each instance one command timeout, after which its circuit answers at once. Both instances turn unready
/// (the edge then keeps both in rotation, "healthy or panic", so the API's own 503s answer), and once Redis is back the
/// same instances recover by themselves, without a restart.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class RedisFaultTests(FaultAppliance fixture)
{
    private const string Expected =
        "liveness 200 throughout; reads, searches and signed writes 503 (p99 under 1 s during the outage, 2.75 s with its onset; never 500 or a hang); /channels (PostgreSQL only) " +
        "keeps answering 200; readiness and /health 503 and the redis health gauge 0 on both instances, both out of the edge's rotation; " +
        "recovery within 10 s of Redis returning, no restart; every write acknowledged (after the return, for a kill) readable";

    /// <summary>
    /// How long a hang takes to be known everywhere. The edge holds every request on its limiter's timeout (0.5 s,
    /// noticed on a 250 ms heartbeat) before it falls back to memory; only then do the instances send their first
    /// commands into the hang, and each opens its circuit when one of them times out (1 s, on the same heartbeat).
    /// </summary>
    private static readonly TimeSpan Onset = TimeSpan.FromSeconds(0.75 + 1.25);

    /// <summary>
    /// Requests sent this long after the fault count as "during the outage": the onset, plus a second of room for a busy
    /// machine, whose timers (the heartbeats included) run late. The bounded form's outage lasts at least 5 s.
    /// </summary>
    private static readonly TimeSpan OutageFrom = Onset + TimeSpan.FromSeconds(1);

    /// <summary>Once each instance knows (a refused connection, or its circuit opened): 503 at once, with room for a busy machine.</summary>
    private static readonly TimeSpan DuringOutage = TimeSpan.FromSeconds(1);

    /// <summary>Any 503, the onset's included: the onset, plus 0.75 s of room for a busy machine.</summary>
    private static readonly TimeSpan WithOnset = Onset + TimeSpan.FromSeconds(0.75);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public Task RedisKilled(int run) => RunAsync("Redis killed", run, SuiteForm.Seconds(30, 7), kill: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public Task RedisStopped(int run) => RunAsync("Redis stopped (SIGSTOP)", run, SuiteForm.Seconds(20, 5), kill: false);

    private async Task RunAsync(string caseName, int run, TimeSpan outage, bool kill)
    {
        await using var r = await FaultRun.StartAsync(fixture);
        var down = r.Now;
        if (kill) await r.Appliance.Redis.StopAsync();
        else await r.Appliance.Redis.PauseAsync();
        // At least the outage, and until every signal was seen (the gauge is published only every 10 s).
        await r.HoldAsync(outage, () => DependencySignals.AllSeenBad(r.Watch, "redis", down, r.Now), outage + TimeSpan.FromSeconds(13));
        var restoring = r.Now;
        if (kill) await r.Appliance.Redis.StartAgainAsync();
        else await r.Appliance.Redis.ResumeAsync();
        var back = r.Now;
        await r.WaitRecoveredAsync(FaultRun.SteadyKinds, back);
        var end = r.Now;
        await fixture.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        var goodAgain = r.Now - back;
        // A killed test Redis comes back empty (no persistence here; production runs it with appendonly): only writes after it returned count.
        var writes = await r.FinishAsync(since: kill ? back : null);

        var outcomes = r.Outcomes;
        var verdict = new Verdict();
        verdict.Common(outcomes, WithOnset, writes);
        verdict.Liveness(r.Watch, [0, 1], TimeSpan.Zero, end);
        var during = outcomes.Where(o => o.Sent >= down + OutageFrom && o.Sent < restoring).ToList();
        var steady = during.Where(o => FaultRun.SteadyKinds.Contains(o.Kind)).ToList();
        verdict.Check(steady.Count > 0 && steady.All(o => o.Status == 503),
            $"during the outage {steady.Count(o => o.Status == 503)} of {steady.Count} reads/searches/writes answered 503");
        var p99 = Outcomes.Percentile(steady.Select(o => o.Latency), 0.99);
        verdict.Check(p99 < DuringOutage, $"503 p99 during the outage {Outcomes.Ms(p99)}; p50/p99 by kind: " + string.Join(", ", steady.GroupBy(o => o.Kind).Select(g =>
            $"{g.Key} {Outcomes.Ms(Outcomes.Percentile(g.Select(o => o.Latency), 0.5))}/{Outcomes.Ms(Outcomes.Percentile(g.Select(o => o.Latency), 0.99))}")));
        var channels = during.Where(o => o.Kind == FaultRun.Channels).ToList();
        verdict.Check(channels.Count > 0 && channels.All(o => o.Expected), $"/channels 200 in {channels.Count(o => o.Expected)} of {channels.Count}");
        DependencySignals.Check(verdict, r.Watch, "redis", down, back, goodAgain);
        verdict.Recovery(Outcomes.Recovery(outcomes, FaultRun.SteadyKinds, back), "reads, searches and writes");
        await verdict.RecordAsync(caseName, run, Expected);
    }
}
