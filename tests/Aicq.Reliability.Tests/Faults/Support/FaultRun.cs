namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>
/// One run of one case: waits until the appliance is healthy, starts the steady mix through the edge (40 requests a
/// second: reads, searches and signed writes), a <c>GET /channels</c> probe (the PostgreSQL kind of request) and a
/// <see cref="HealthWatch"/>; the case injects its fault in between; <see cref="FinishAsync"/> stops everything and
/// reads back every acknowledged write.
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    public static readonly IReadOnlySet<string> SteadyKinds = new HashSet<string> { "read", "search", "write" };
    public const string Channels = "channels";

    private readonly List<Probe> _probes = [];
    private readonly HttpClient _edge;

    private FaultRun(FaultAppliance fixture, SteadyTraffic traffic)
    {
        Fixture = fixture;
        Traffic = traffic;
        _edge = fixture.Appliance.Edge.Client();
        Watch = new HealthWatch(fixture.Appliance, () => traffic.Log.Now);
        AddProbe(Channels, http => http.GetAsync("channels"), 200);
    }

    public FaultAppliance Fixture { get; }
    public ReliabilityAppliance Appliance => Fixture.Appliance;
    public SteadyTraffic Traffic { get; }
    public HealthWatch Watch { get; }

    /// <summary>Time on the case's clock (that of its traffic and samples).</summary>
    public TimeSpan Now => Traffic.Log.Now;

    public static async Task<FaultRun> StartAsync(FaultAppliance fixture)
    {
        await fixture.WaitHealthyAsync(TimeSpan.FromSeconds(45));
        var traffic = SteadyTraffic.Start(fixture.Appliance.Edge.HttpsUrl, fixture.Appliance.Tls.Ca, TrafficMix.Steady,
            // Latency counts from each request's slot in the open loop, so the connections must carry 40 a second even when
            // every answer is a 503 after the API's ~1.25 s Redis timeout (40 × 1.25 = 50 in flight), or waiting for a
            // free connection would be measured as the API's slowness.
            fixture.Rooms, fixture.Agents, rate: 40, connections: 64);
        var run = new FaultRun(fixture, traffic);
        await Task.Delay(SuiteForm.Seconds(5, 1)); // a fault-free stretch first: the baseline
        return run;
    }

    /// <summary>Adds a probe of another kind of request through the edge, four a second.</summary>
    public void AddProbe(string kind, Func<HttpClient, Task<HttpResponseMessage>> send, int expected) =>
        AddProbe(kind, _edge, send, expected);

    /// <summary>Adds a probe sent with <paramref name="http"/> (e.g. straight at one API instance), four a second.</summary>
    public void AddProbe(string kind, HttpClient http, Func<HttpClient, Task<HttpResponseMessage>> send, int expected) =>
        _probes.Add(new Probe(kind, http, send, expected, () => Traffic.Log.Now, TimeSpan.FromMilliseconds(250)));

    /// <summary>Every request so far, traffic and probes.</summary>
    public IReadOnlyList<Outcome> Outcomes =>
        [.. Traffic.Log.Records.Select(Outcome.From), .. _probes.SelectMany(p => p.Outcomes)];

    /// <summary>Holds a fault for at least <paramref name="minimum"/>, and longer (up to <paramref name="cap"/>) until <paramref name="seen"/>.</summary>
    public async Task HoldAsync(TimeSpan minimum, Func<bool> seen, TimeSpan cap)
    {
        var start = Now;
        while (Now - start < cap && (Now - start < minimum || !seen())) await Task.Delay(200);
    }

    /// <summary>Waits (at most 20 s) until the kinds have worked steadily again since <paramref name="back"/>.</summary>
    public async Task WaitRecoveredAsync(IReadOnlySet<string> kinds, TimeSpan back)
    {
        var deadline = Now + TimeSpan.FromSeconds(20);
        while (Now < deadline && !Support.Outcomes.SteadySince(Outcomes, kinds, back, Now, TimeSpan.FromSeconds(1.5))) await Task.Delay(200);
    }

    /// <summary>Stops traffic and probes and returns the acknowledged writes sent at or after <paramref name="since"/> that cannot be read.</summary>
    public async Task<(int Checked, int Missing)> FinishAsync(TimeSpan? since = null)
    {
        await Traffic.StopAsync();
        foreach (var probe in _probes) await probe.DisposeAsync();
        await Watch.DisposeAsync();
        var writes = Traffic.Log.Writes.Where(w => w.Sent >= (since ?? TimeSpan.Zero)).ToList();
        using var api = Appliance.Apis[1].CreateClient();
        var missing = await WrittenMessages.MissingAsync(api, writes);
        return (writes.Count, missing.Count);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var probe in _probes) await probe.DisposeAsync();
        await Traffic.DisposeAsync();
        await Watch.DisposeAsync();
        _edge.Dispose();
    }
}
