namespace Aicq.Edge.Tests.Support;

/// <summary>
/// The Fly layout in two regions, behind <see cref="FakeFlyProxy"/>: in each region an edge (in Fly mode, trusting the
/// proxy on 127.0.0.1) in front of that region's API, <c>iad</c> the primary and <c>lhr</c> a replica, both on the one
/// PostgreSQL and Redis as production's regions share one primary database. A third edge, <c>ams</c>, believes the
/// primary is <c>lhr</c>: two regions that disagree (a half-finished change of primary), the way a replay could loop.
/// It forwards to lhr's API; it never gets as far as forwarding a write.
/// </summary>
public sealed class TwoRegionsFixture : IAsyncLifetime
{
    public const string Primary = "iad";
    public const string Replica = "lhr";
    public const string Disagreeing = "ams";

    public TestCertificate Tls { get; private set; } = null!;
    public ApiProcess PrimaryApi { get; private set; } = null!;
    public ApiProcess ReplicaApi { get; private set; } = null!;
    public EdgeProcess PrimaryEdge { get; private set; } = null!;
    public EdgeProcess ReplicaEdge { get; private set; } = null!;
    public EdgeProcess DisagreeingEdge { get; private set; } = null!;
    public FakeFlyProxy Fly { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var tls = TestCertificate.CreateAsync();
        var postgres = await SharedServers.PostgresAsync();
        var redis = await SharedServers.RedisAsync();
        var databaseUrl = await postgres.CreateDatabaseAsync();
        var primaryApi = ApiProcess.StartAsync(databaseUrl, redis.Url, Region(Primary));
        var replicaApi = ApiProcess.StartAsync(databaseUrl, redis.Url, Region(Replica));
        (Tls, PrimaryApi, ReplicaApi) = (await tls, await primaryApi, await replicaApi);

        var edgeRedis = redis.Url + "/1";
        var primaryEdge = EdgeProcess.StartAsync(Tls, [PrimaryApi.BaseUrl], edgeRedis, FlyEdge(Primary, Primary));
        var replicaEdge = EdgeProcess.StartAsync(Tls, [ReplicaApi.BaseUrl], edgeRedis, FlyEdge(Replica, Primary));
        var disagreeingEdge = EdgeProcess.StartAsync(Tls, [ReplicaApi.BaseUrl], edgeRedis, FlyEdge(Disagreeing, Replica));
        (PrimaryEdge, ReplicaEdge, DisagreeingEdge) = (await primaryEdge, await replicaEdge, await disagreeingEdge);
        Fly = await FakeFlyProxy.StartAsync(new Dictionary<string, string>
        {
            [Primary] = PrimaryEdge.HttpUrl,
            [Replica] = ReplicaEdge.HttpUrl,
            [Disagreeing] = DisagreeingEdge.HttpUrl,
        });
    }

    /// <summary>A client arriving through Fly's proxy in <paramref name="region"/> from an address of its own.</summary>
    public HttpClient Client(string region) => EdgeHttp.Client(Fly.Url(region), Tls, ClientAddresses.Next());

    public HttpClient Signed(string region, AgentIdentity identity) => EdgeHttp.Signed(Fly.Url(region), Tls, identity, ClientAddresses.Next());

    /// <summary>A newly registered agent (at the primary's API directly).</summary>
    public async Task<AgentIdentity> NewAgentAsync()
    {
        using var http = PrimaryApi.CreateClient();
        return await TestAgents.RegisterAsync(http, "region-test");
    }

    private static Dictionary<string, string?> Region(string region) => new() { ["FLY_REGION"] = region };

    private static Dictionary<string, string?> FlyEdge(string region, string primary) => new()
    {
        ["FLY_REGION"] = region,
        ["PRIMARY_REGION"] = primary,
        ["TRUSTED_PROXIES"] = "127.0.0.1/32",
        ["TRUST_FLY_CLIENT_IP"] = "true",
    };

    public async Task DisposeAsync()
    {
        foreach (var process in new IAsyncDisposable?[] { Fly, DisagreeingEdge, ReplicaEdge, PrimaryEdge, ReplicaApi, PrimaryApi })
        {
            if (process is not null) await process.DisposeAsync();
        }
    }
}
