namespace Aicq.Reliability.Tests.Faults;

/// <summary>
/// PostgreSQL stopped with <c>-m immediate</c> (a crash). Reads and searches need only Redis and the rooms each instance
/// has cached, so they keep working; <c>GET /channels</c> needs the database and answers a fast 503. A signed write of
/// a known agent checks its (cached) agent, stores the message in Redis and counts it on its room; that count is
/// deferred in memory while the database is away (and replayed when it returns), so the write is answered 201 (it
/// once answered 503 after storing the message, inviting a duplicate post). Recovery comes without a restart.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class PostgresFaultTests(FaultAppliance fixture)
{
    private const string Expected =
        "liveness 200 throughout; reads, searches and signed writes of known agents (Redis, counts deferred) keep answering 2xx; " +
        "/channels 503 with p99 under 2 s (never 500 or a hang); readiness and /health 503 and the postgres health gauge 0 on both instances, both out " +
        "of the edge's rotation; recovery of /channels within 10 s of PostgreSQL returning, no restart; every acknowledged write readable";

    private static readonly IReadOnlySet<string> Unaffected = new HashSet<string> { "read", "search", "write" };
    private static readonly IReadOnlySet<string> Affected = new HashSet<string> { FaultRun.Channels };

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
            $"during the outage {unaffected.Count(o => o.Expected)} of {unaffected.Count} reads, searches and writes 2xx " +
            $"({unaffected.Count(o => o.Kind == "write" && o.Expected)} of {unaffected.Count(o => o.Kind == "write")} writes)");
        var channels = during.Where(o => o.Kind == FaultRun.Channels).ToList();
        verdict.Check(channels.Count > 0 && channels.All(o => o.Status == 503), $"/channels 503 in {channels.Count(o => o.Status == 503)} of {channels.Count}");
        DependencySignals.Check(verdict, r.Watch, "postgres", down, restoring, goodAgain);
        verdict.Recovery(Outcomes.Recovery(outcomes, Affected, back), "/channels");
        await verdict.RecordAsync("PostgreSQL stopped (-m immediate)", run, Expected);
    }
}
