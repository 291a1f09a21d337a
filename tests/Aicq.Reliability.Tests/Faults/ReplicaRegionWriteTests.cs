namespace Aicq.Reliability.Tests.Faults;

/// <summary>
/// Issue 16's multi-region case: the steady mix arrives in a replica region through a fake Fly proxy. Every signed write
/// is answered there with <c>fly-replay</c> before any work, the proxy replays it in the primary region, and it is
/// acknowledged there; reads and searches are answered in the replica region. The replay counters of both edges tell
/// how many went each way, and every acknowledged write is read back from the replica region's API instance.
/// </summary>
public sealed class ReplicaRegionWriteTests(TwoRegionAppliance regions) : IClassFixture<TwoRegionAppliance>
{
    private const string Replays = "aicq_edge_region_replays_total";

    private const string Expected =
        "every signed write arriving in the replica region answered fly-replay there and acknowledged (201) in the primary, " +
        "each replayed exactly once (replays sent = received = writes, none refused); reads and searches 200 in the replica region; " +
        "no 5xx; every acknowledged write readable";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task WriteInAReplicaRegion(int run)
    {
        var (sent, received, refused) = await CountersAsync();
        await using var traffic = SteadyTraffic.Start(regions.Fly.Url(TwoRegionAppliance.Replica), null, TrafficMix.Steady,
            regions.Rooms, regions.Agents, rate: 20, connections: 16);
        // The mix repeats in blocks of 100 (reads, then searches, then writes): hold until two whole blocks have been sent.
        await HoldAsync(traffic, SuiteForm.Seconds(15, 4), requests: 200, cap: TimeSpan.FromSeconds(60));
        await traffic.StopAsync();
        var (sentAfter, receivedAfter, refusedAfter) = await CountersAsync();
        using var replicaApi = regions.Appliance.Apis[1].CreateClient();
        var missing = await WrittenMessages.MissingAsync(replicaApi, traffic.Log.Writes);

        var records = traffic.Log.Records;
        var writes = records.Where(r => r.Kind == TrafficKind.Write).ToList();
        var reads = records.Where(r => r.Kind != TrafficKind.Write).ToList();
        var verdict = new Verdict();
        verdict.Common(records.Select(Outcome.From).ToList(), TimeSpan.FromSeconds(2), (traffic.Log.Writes.Count, missing.Count));
        verdict.Check(writes.Count > 0 && writes.All(w => w.Status == 201), $"{writes.Count(w => w.Status == 201)} of {writes.Count} writes 201");
        verdict.Check(reads.Count > 0 && reads.All(r => r.Status == 200), $"{reads.Count(r => r.Status == 200)} of {reads.Count} reads and searches 200");
        verdict.Check(sentAfter - sent == writes.Count && receivedAfter - received == writes.Count,
            $"replays sent by the replica region {sentAfter - sent:0}, received by the primary {receivedAfter - received:0}");
        verdict.Check(refusedAfter == refused, $"replays refused {refusedAfter - refused:0}");
        // What the extra hop costs on loopback (on Fly add the round trip between the regions).
        verdict.Check(true, $"p50/p99 writes {Latency(writes, 0.5)}/{Latency(writes, 0.99)}, reads and searches {Latency(reads, 0.5)}/{Latency(reads, 0.99)}");
        await verdict.RecordAsync("Write in a replica region (fly-replay through a fake Fly proxy)", run, Expected);
    }

    private static string Latency(IEnumerable<TrafficRecord> records, double p) => Outcomes.Ms(Outcomes.Percentile(records.Select(r => r.Latency), p));

    private static async Task HoldAsync(SteadyTraffic traffic, TimeSpan minimum, int requests, TimeSpan cap)
    {
        var start = traffic.Log.Now;
        while (traffic.Log.Now - start < cap && (traffic.Log.Now - start < minimum || traffic.Log.Records.Count < requests)) await Task.Delay(200);
    }

    private async Task<(double Sent, double Received, double Refused)> CountersAsync() =>
        (await regions.ReplicaEdge.MetricAsync(Replays, ("outcome", "sent")) ?? -1,
         await regions.Appliance.Edge.MetricAsync(Replays, ("outcome", "received")) ?? -1,
         await regions.ReplicaEdge.MetricAsync(Replays, ("outcome", "refused")) ?? -1);
}
