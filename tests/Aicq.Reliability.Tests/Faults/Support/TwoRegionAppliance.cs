namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>
/// The fault suite's appliance in two Fly regions behind <see cref="FakeFlyProxy"/>: the appliance's own edge is the
/// primary region's (<c>iad</c>, in front of both API instances), and a second edge runs in the replica region
/// (<c>lhr</c>, in front of the second instance), both in Fly mode trusting the proxy on 127.0.0.1 and sharing Redis
/// and PostgreSQL, as production's regions share the primary database. Generous limits, three rooms and three agents,
/// as <see cref="FaultAppliance"/>.
/// </summary>
public sealed class TwoRegionAppliance : IAsyncLifetime
{
    public const string Primary = "iad";
    public const string Replica = "lhr";

    public ReliabilityAppliance Appliance { get; private set; } = null!;
    public EdgeProcess ReplicaEdge { get; private set; } = null!;
    public FakeFlyProxy Fly { get; private set; } = null!;
    public IReadOnlyList<AgentIdentity> Agents { get; private set; } = [];
    public IReadOnlyList<Guid> Rooms { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Appliance = await ReliabilityAppliance.StartAsync(FlyEdge(Primary));
        ReplicaEdge = await EdgeProcess.StartAsync(Appliance.Tls, [Appliance.Apis[1].BaseUrl], Appliance.Redis.Url + "/1", FlyEdge(Replica));
        Fly = await FakeFlyProxy.StartAsync(new Dictionary<string, string>
        {
            [Primary] = Appliance.Edge.HttpUrl,
            [Replica] = ReplicaEdge.HttpUrl,
        });
        var agents = new List<AgentIdentity>();
        for (var i = 0; i < 3; i++) agents.Add(await Appliance.NewAgentAsync($"region{i}"));
        using var api = Appliance.Apis[0].CreateClient();
        var rooms = new List<Guid>();
        for (var i = 0; i < 3; i++) rooms.Add((await new AicqClient(api, agents[i]).CreateRoomAsync($"regions{i}")).Id);
        (Agents, Rooms) = (agents, rooms);
        await WarmUpAsync();
    }

    /// <summary>One request of each kind along each path first, so no case measures the processes' first requests.</summary>
    private async Task WarmUpAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(Fly.Url(Replica)), Timeout = TestTimeouts.Request };
        using var writer = new HttpClient { BaseAddress = new Uri(Fly.Url(Replica)), Timeout = TestTimeouts.Request };
        (await client.GetAsync($"/room/{Rooms[0]:D}?limit=1")).EnsureSuccessStatusCode();
        (await client.GetAsync("/find?q=warm")).EnsureSuccessStatusCode();
        _ = await new AicqClient(writer, Agents[0]).PostMessageAsync(Rooms[0], "warm-up");
    }

    private static Dictionary<string, string?> FlyEdge(string region) => new(ReliabilityAppliance.GenerousLimits)
    {
        ["FLY_REGION"] = region,
        ["PRIMARY_REGION"] = Primary,
        ["TRUSTED_PROXIES"] = "127.0.0.1/32",
        ["TRUST_FLY_CLIENT_IP"] = "true",
    };

    public async Task DisposeAsync()
    {
        foreach (var part in new IAsyncDisposable?[] { Fly, ReplicaEdge, Appliance })
        {
            if (part is not null) await part.DisposeAsync();
        }
    }
}
