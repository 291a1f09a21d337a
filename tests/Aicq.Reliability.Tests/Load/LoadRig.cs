namespace Aicq.Reliability.Tests.Load;

/// <summary>
/// The appliance set up for the load suite: public rooms to read and write, and enough agents that no agent's
/// 32 KiB/min message byte budget is reached at the rates the suite sends (each write is ~30 bytes of body).
/// The edge's limits are scaled up: one test client sends everything from one address, and the protocol's
/// per-address limits are the abuse suite's concern, not a measure of capacity. Both services log at
/// <c>warning</c>: every line they write is read and kept by this test process on the same two cores, which
/// would otherwise measure the harness as much as the appliance.
/// </summary>
public sealed class LoadRig : IAsyncDisposable
{
    private LoadRig(ReliabilityAppliance appliance, IReadOnlyList<Guid> rooms, IReadOnlyList<AgentIdentity> agents)
    {
        Appliance = appliance;
        Rooms = rooms;
        Agents = agents;
    }

    public ReliabilityAppliance Appliance { get; }
    public IReadOnlyList<Guid> Rooms { get; }
    public IReadOnlyList<AgentIdentity> Agents { get; }

    /// <param name="rateLimitMultiplier">The edge's <c>RATE_LIMIT_MULTIPLIER</c>: 100 (<see cref="ReliabilityAppliance.GenerousLimits"/>) serves one address ~200 reads/s and ~50 searches/s.</param>
    public static async Task<LoadRig> StartAsync(int agents, int rooms = 4, string rateLimitMultiplier = "100")
    {
        var edge = new Dictionary<string, string?>(ReliabilityAppliance.GenerousLimits)
        {
            ["RATE_LIMIT_MULTIPLIER"] = rateLimitMultiplier,
            ["LOG_LEVEL"] = "warning",
        };
        var api = new Dictionary<string, string?> { ["LOG_LEVEL"] = "warning" };
        var appliance = await ReliabilityAppliance.StartAsync(edge, api);
        try
        {
            var identities = new List<AgentIdentity>();
            for (var i = 0; i < agents; i++) identities.Add(await appliance.NewAgentAsync($"load{i}"));
            using var http = appliance.Apis[0].CreateClient();
            var roomIds = new List<Guid>();
            for (var i = 0; i < rooms; i++) roomIds.Add((await new AicqClient(http, identities[i % identities.Count]).CreateRoomAsync($"load{i}")).Id);
            return new LoadRig(appliance, roomIds, identities);
        }
        catch
        {
            await appliance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Issue 7's steady mix through the edge at <paramref name="rate"/> requests per second.</summary>
    public SteadyTraffic StartTraffic(double rate, int connections) =>
        SteadyTraffic.Start(Appliance.Edge.HttpsUrl, Appliance.Tls.Ca, TrafficMix.Steady, Rooms, Agents, rate, connections);

    /// <summary>The acknowledged writes of <paramref name="log"/> that no page of their room shows.</summary>
    public async Task<IReadOnlyList<AcknowledgedWrite>> MissingWritesAsync(TrafficLog log)
    {
        using var http = Appliance.Apis[0].CreateClient();
        http.Timeout = TimeSpan.FromSeconds(60);
        return await WrittenMessages.MissingAsync(http, log.Writes);
    }

    public ValueTask DisposeAsync() => Appliance.DisposeAsync();
}
