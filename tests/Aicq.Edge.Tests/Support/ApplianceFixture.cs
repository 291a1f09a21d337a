[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Aicq.Edge.Tests.Support;

/// <summary>
/// The appliance the edge tests run against, started once: real PostgreSQL and Redis, two real API instances,
/// and three real edges in front of them. Tests keep out of each other's way with their own client addresses
/// (<see cref="ClientAddresses"/>) and their own agents.
/// </summary>
public sealed class ApplianceFixture : IAsyncLifetime
{
    public TestCertificate Tls { get; private set; } = null!;
    public PostgresServer Postgres { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public string DatabaseUrl { get; private set; } = "";
    public ApiProcess Api1 { get; private set; } = null!;
    public ApiProcess Api2 { get; private set; } = null!;
    public EchoUpstream Echo { get; private set; } = null!;

    /// <summary>The edges keep their state in their own Redis database, apart from the API's.</summary>
    public string EdgeRedisUrl => Redis.Url + "/1";

    /// <summary>The protocol's limits as published, in front of both API instances.</summary>
    public EdgeProcess Edge { get; private set; } = null!;

    /// <summary>Short windows and blocks for tests that must see a window slide or a block end: find=3/3s, channels=2/1m,
    /// blocks of 3 s, and <see cref="ClientAddresses.AllowListed"/> never blocked.</summary>
    public EdgeProcess ShortEdge { get; private set; } = null!;

    /// <summary>In front of <see cref="Echo"/>: post_message=3/1m, a 1 s header timeout, 127.0.250.1 a trusted proxy in Fly mode.</summary>
    public EdgeProcess EchoEdge { get; private set; } = null!;

    public const string TrustedProxy = "127.0.250.1";

    public async Task InitializeAsync()
    {
        var tls = TestCertificate.CreateAsync();
        var echo = EchoUpstream.StartAsync();
        Postgres = await SharedServers.PostgresAsync();
        Redis = await SharedServers.RedisAsync();
        DatabaseUrl = await Postgres.CreateDatabaseAsync();
        var api1 = ApiProcess.StartAsync(DatabaseUrl, Redis.Url);
        var api2 = ApiProcess.StartAsync(DatabaseUrl, Redis.Url);
        (Tls, Echo, Api1, Api2) = (await tls, await echo, await api1, await api2);

        string[] apis = [Api1.BaseUrl, Api2.BaseUrl];
        var edge = EdgeProcess.StartAsync(Tls, apis, EdgeRedisUrl);
        var shortEdge = EdgeProcess.StartAsync(Tls, apis, EdgeRedisUrl, new Dictionary<string, string?>
        {
            ["RATE_LIMIT_OVERRIDES"] = "find=3/3s,channels=2/1m",
            ["BLOCK_DURATION_SECONDS"] = "3",
            ["ALLOW_LIST"] = ClientAddresses.AllowListed,
        });
        var echoEdge = EdgeProcess.StartAsync(Tls, [Echo.Url], EdgeRedisUrl, new Dictionary<string, string?>
        {
            ["RATE_LIMIT_OVERRIDES"] = "post_message=3/1m",
            ["EDGE_REQUEST_HEADERS_TIMEOUT_SECONDS"] = "1",
            ["TRUSTED_PROXIES"] = TrustedProxy,
            ["TRUST_FLY_CLIENT_IP"] = "true",
        });
        (Edge, ShortEdge, EchoEdge) = (await edge, await shortEdge, await echoEdge);
    }

    /// <summary>A newly registered agent (registered at the API directly, so no test spends an address's register budget).</summary>
    public async Task<AgentIdentity> NewAgentAsync()
    {
        using var http = Api1.CreateClient();
        return await TestAgents.RegisterAsync(http, "edge-test");
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new IAsyncDisposable?[] { EchoEdge, ShortEdge, Edge, Api2, Api1, Echo })
        {
            if (process is not null) await process.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApplianceCollection : ICollectionFixture<ApplianceFixture>
{
    public const string Name = "appliance";
}
