using Aicq.Testing.Telemetry;
using static Aicq.Reliability.Tests.Abuse.AbuseHttp;
using static Aicq.Reliability.Tests.Abuse.KeyFlood;

namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// Guessing a private room's key through the edge, as issue 12 found it: every guess used to pay a slow hash (PBKDF2,
/// about 70 ms), so a burst of guesses starved the instance (503s, the Redis circuit opened for everyone, /health took
/// seconds). Now each client gets <see cref="GuessLimit"/> key checks per room and then 429 with Retry-After before any
/// hash runs, and the hashes that do run stay on a small pool of their own. Meanwhile other clients read a public room
/// and the private room (with the key) and /health is probed: no 503 anywhere, the circuit stays closed, and their p99
/// stays within a bound derived from this run's own baseline (bounded form) or under the 100 ms (full form).
/// /health is judged by its p90 in the bounded form: it is probed every 100 ms, so a short flood yields a few dozen
/// probes and their p99 is the single slowest one, which measures the shared cores rather than the API (CI saw one
/// 364 ms probe among 28 against a 307 ms bound). A starved instance, the failure this guards against, makes most
/// probes slow and shows in p90 as in 503s. The full form keeps p99. The bound: the hashes may take half the cores, which can double a reader's latency; the rest is headroom for the
/// other load of a shared machine, which changes between the baseline and the flood.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class RoomKeyGuessingTests(AbuseAppliance fixture)
{
    private const int GuessLimit = 10;
    private const int Calibration = 3;
    private const string WrongKey = "room key missing or wrong";

    [Fact]
    public async Task WrongKeyFlood_Is429BeforeItIsHashed_AndOthersKeepTheirLatency()
    {
        var appliance = fixture.Appliance;
        var (edge, apis) = (appliance.Edge, appliance.Apis);
        var (flooders, perFlooder, others) = (SuiteForm.Pick(10, 3), SuiteForm.Pick(100, 40), SuiteForm.Pick(8, 4));
        using var owner = await appliance.NewAgentAsync("key-owner");
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        using var http = apis[0].CreateClient();
        var room = (await new AicqClient(http, owner).CreateRoomAsync($"guess-me-{Guid.NewGuid():N}"[..24], isPrivate: true, key: key)).Id;
        var global = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var readers = Enumerable.Range(0, others).Select(_ => edge.Client(AbuseAppliance.NextAddress())).ToArray();

        // Baseline, in this run: the others' own latency (after a warm-up that opens their connections), and what one
        // wrong key costs when nothing else runs.
        await Task.WhenAll(readers.Select(r => ReadAsync(r, global, room, key, 4)));
        var baseline = (await Task.WhenAll(readers.Select(r => ReadAsync(r, global, room, key, 30)))).SelectMany(a => a).ToList();
        using var calibrator = edge.Client(AbuseAppliance.NextAddress());
        var oneHash = new List<double>();
        for (var i = 0; i < Calibration; i++) oneHash.Add((await TimeAsync(calibrator, Read(room, Guess()))).Ms);
        var hashMs = Percentile(oneHash, 50);
        var hashesBefore = await HashesAsync(apis);

        using var stop = new CancellationTokenSource();
        var health = ProbeHealthAsync(apis, stop.Token);
        var circuit = SampleCircuitAsync(apis, stop.Token);
        var flood = Task.WhenAll(Enumerable.Range(0, flooders).Select(_ => GuessAsync(edge, AbuseAppliance.NextAddress(), room, perFlooder, 10)));
        var during = await Task.WhenAll(readers.Select(async r =>
        {
            var answers = new List<Timed>();
            while (!flood.IsCompleted && answers.Count < 80) answers.AddRange(await ReadAsync(r, global, room, key, 2));
            return answers;
        }));
        var guesses = (await flood).SelectMany(a => a).ToList();
        await stop.CancelAsync();
        var (probes, circuitOpenSamples) = (await health, await circuit);
        var hashed = await HashesAsync(apis) - hashesBefore;
        foreach (var reader in readers) reader.Dispose();

        var duringAll = during.SelectMany(a => a).ToList();
        var everything = guesses.Concat(baseline).Concat(duringAll).Concat(probes).ToList();
        var (baseP99, floodP99) = (P99(baseline), P99(duringAll));
        var (healthRank, healthMs) = SuiteForm.Full ? ("p99", P99(probes)) : ("p90", Percentile(probes.Select(p => p.Ms).ToList(), 90));
        var bound = SuiteForm.Full ? 100 : 4 * baseP99 + 3 * hashMs;
        var opened = apis.Count(a => a.Logged("redis_circuit_opened"));
        var wrong = guesses.Count(g => g.Answer.Is(403, WrongKey));
        var limited = guesses.Count(g => g.Answer.Is(429, RateLimited) && int.TryParse(g.Answer.RetryAfter, out var s) && s >= 1);
        var problems = new List<string>();
        if (everything.Any(a => a.Answer.Status == 503)) problems.Add($"{everything.Count(a => a.Answer.Status == 503)} × 503");
        if (opened > 0 || circuitOpenSamples > 0) problems.Add($"the Redis circuit opened ({opened} instance(s) logged it, {circuitOpenSamples} samples read 1)");
        if (wrong + limited != guesses.Count) problems.Add($"guesses answered otherwise than 403 or 429 with Retry-After: {Tally(guesses.Select(g => g.Answer))}");
        if (wrong > flooders * GuessLimit) problems.Add($"{wrong} wrong keys checked, more than {GuessLimit} per flooder");
        if (hashed > wrong + apis.Length) problems.Add($"{hashed} hashes for {wrong} checked guesses");
        if (baseline.Concat(duringAll).Any(a => !a.Answer.Is(200))) problems.Add($"others: {Tally(baseline.Concat(duringAll).Select(a => a.Answer))}");
        if (floodP99 > bound) problems.Add($"others' p99 {floodP99:0} ms over the bound {bound:0} ms");
        if (healthMs > bound) problems.Add($"/health {healthRank} {healthMs:0} ms over the bound {bound:0} ms");

        await ReliabilityReport.CheckAsync(ReliabilitySuite.Abuse, "Private-room key guessing",
            $"a flood of wrong keys for one private room through the edge: each client {GuessLimit} key checks per room, then 429 with Retry-After " +
            "before any hash runs; 0 × 503, the Redis circuit stays closed; " +
            (SuiteForm.Full ? "other clients' and /health p99 < 100 ms" : "other clients' p99 and /health p90 ≤ 4 × their baseline p99 + 3 × one wrong key's cost, both measured in the run"),
            $"{flooders} flooders × {perFlooder} guesses, 10 in flight each: {Tally(guesses.Select(g => g.Answer))}; {hashed:0} hashes ran; " +
            $"others {Tally(baseline.Concat(duringAll).Select(a => a.Answer))}, p99 {baseP99:0.0} ms before, {floodP99:0.0} ms during " +
            $"(bound {bound:0} ms, one wrong key {hashMs:0} ms); /health {probes.Count} probes, {healthRank} {healthMs:0.0} ms, p99 {P99(probes):0.0} ms, " +
            $"{probes.Count(p => p.Answer.Status == 503)} × 503; circuit opened on {opened} instance(s)" +
            (problems.Count == 0 ? "" : "; " + string.Join("; ", problems)),
            problems.Count == 0);
    }

    private static async Task<double> HashesAsync(IEnumerable<Aicq.Testing.ApiProcess> apis) =>
        (await Task.WhenAll(apis.Select(a => MetricSeries.SumAsync(a.MetricsUrl + "/metrics", "aicq_room_key_hashes_total")))).Sum();
}
