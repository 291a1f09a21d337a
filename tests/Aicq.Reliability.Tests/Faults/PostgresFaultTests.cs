using Aicq.Reliability.Tests.Faults.Support;
using Aicq.Testing.Reliability;

namespace Aicq.Reliability.Tests.Faults;

/// <summary>
/// PostgreSQL stopped with <c>-m immediate</c> (a crash). Reads and searches need only Redis and the rooms each instance
/// has cached, so they keep working; <c>GET /channels</c> needs the database and answers a fast 503. A signed write
/// checks its (cached) agent, stores the message in Redis and then counts it on its room in PostgreSQL: that last step
/// fails, so writes answer 503 while the database is down although the message was stored (reported as a defect: a
/// client that retries posts it twice). Recovery comes without a restart.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class PostgresFaultTests(FaultAppliance fixture)
{
    private const string Expected =
        "liveness 200 throughout; reads and searches (Redis only) keep answering 2xx; /channels 503 with p99 under 2 s (never 500 or a hang); " +
        "signed writes 2xx or 503, never anything else; readiness and /health 503 and the postgres health gauge 0 on both instances, both out " +
        "of the edge's rotation; recovery of /channels and writes within 10 s of PostgreSQL returning, no restart; every acknowledged write readable";

    private static readonly IReadOnlySet<string> Unaffected = new HashSet<string> { "read", "search" };
    private static readonly IReadOnlySet<string> Affected = new HashSet<string> { FaultRun.Channels, "write" };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task PostgresStoppedImmediately(int run)
    {
        await using var r = await FaultRun.StartAsync(fixture);
        var down = r.Now;
        await r.Appliance.Postgres.StopAsync(immediate: true);
        var outage = SuiteForm.Seconds(30, 7);
        await r.HoldAsync(outage, () => DependencySignals.AllSeenBad(r.Watch, "postgres", down, r.Now), outage + TimeSpan.FromSeconds(13));
        var restoring = r.Now;
        await r.Appliance.Postgres.StartAgainAsync();
        var back = r.Now;
        await r.WaitRecoveredAsync(Affected, back);
        var end = r.Now;
        await fixture.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        var goodAgain = r.Now - back;
        var writes = await r.FinishAsync();

        var outcomes = r.Outcomes;
        var verdict = new Verdict();
        verdict.Common(outcomes, TimeSpan.FromSeconds(2), writes);
        verdict.Liveness(r.Watch, [0, 1], TimeSpan.Zero, end);
        var during = outcomes.Where(o => o.Sent >= down + TimeSpan.FromSeconds(1) && o.Sent < restoring).ToList();
        var unaffected = during.Where(o => Unaffected.Contains(o.Kind)).ToList();
        verdict.Check(unaffected.Count > 0 && unaffected.All(o => o.Expected),
            $"during the outage {unaffected.Count(o => o.Expected)} of {unaffected.Count} reads and searches 2xx");
        var channels = during.Where(o => o.Kind == FaultRun.Channels).ToList();
        verdict.Check(channels.Count > 0 && channels.All(o => o.Status == 503), $"/channels 503 in {channels.Count(o => o.Status == 503)} of {channels.Count}");
        var duringWrites = during.Where(o => o.Kind == "write").ToList();
        verdict.Check(duringWrites.All(o => o.Expected || o.Status == 503),
            $"writes during the outage: {duringWrites.Count(o => o.Expected)} × 2xx, {duringWrites.Count(o => o.Status == 503)} × 503 of {duringWrites.Count}");
        DependencySignals.Check(verdict, r.Watch, "postgres", down, restoring, goodAgain);
        verdict.Recovery(Outcomes.Recovery(outcomes, Affected, back), "/channels and writes");
        await verdict.RecordAsync("PostgreSQL stopped (-m immediate)", run, Expected);
    }
}
