namespace Aicq.Reliability.Tests.Support;

/// <summary>
/// The appliance as agents meet it, all real processes on loopback and all its own (the fault suite stops
/// them): PostgreSQL, Redis, two API instances and the edge in front of both over HTTPS. The edge keeps its
/// limiter state in Redis database 1, apart from the API's. An API instance can be killed, signalled and
/// replaced (<see cref="ReplaceApiAsync"/>) on the port it had, so the edge's destinations stay the same.
/// </summary>
public sealed class ReliabilityAppliance : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _edgeSettings;
    private readonly IReadOnlyDictionary<string, string?> _apiSettings;

    private readonly bool _withStandby;

    private ReliabilityAppliance(IReadOnlyDictionary<string, string?> edgeSettings, IReadOnlyDictionary<string, string?> apiSettings, bool withStandby)
    {
        _edgeSettings = edgeSettings;
        _apiSettings = apiSettings;
        _withStandby = withStandby;
    }

    /// <summary>
    /// Limits a hundred times the protocol's: steady traffic from one address must not be what a suite measures.
    /// Suites that test the limits themselves start the edge with the published ones.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> GenerousLimits { get; } = new Dictionary<string, string?>
    {
        ["RATE_LIMIT_MULTIPLIER"] = "100",
    };

    public PostgresServer Postgres { get; private set; } = null!;
    /// <summary>A streaming standby of <see cref="Postgres"/>, named in <see cref="DatabaseUrl"/> too; null unless asked for.</summary>
    public PostgresServer? Standby { get; private set; }
    public RedisServer Redis { get; private set; } = null!;
    public string DatabaseUrl { get; private set; } = "";
    public TestCertificate Tls { get; private set; } = null!;
    public ApiProcess[] Apis { get; } = new ApiProcess[2];
    public EdgeProcess Edge { get; private set; } = null!;

    /// <summary>
    /// Starts everything. <paramref name="edgeSettings"/> and <paramref name="apiSettings"/> add to or override
    /// the defaults (e.g. <c>RATE_LIMIT_MULTIPLIER</c> so that a suite's steady traffic is not what it measures).
    /// </summary>
    public static async Task<ReliabilityAppliance> StartAsync(
        IReadOnlyDictionary<string, string?>? edgeSettings = null, IReadOnlyDictionary<string, string?>? apiSettings = null, bool withStandby = false)
    {
        var appliance = new ReliabilityAppliance(
            edgeSettings ?? new Dictionary<string, string?>(), apiSettings ?? new Dictionary<string, string?>(), withStandby);
        try
        {
            await appliance.StartCoreAsync();
            return appliance;
        }
        catch
        {
            await appliance.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync()
    {
        var tls = TestCertificate.CreateAsync();
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        (Postgres, Redis, Tls) = (await postgres, await redis, await tls);
        DatabaseUrl = await Postgres.CreateDatabaseAsync("aicq");
        if (_withStandby)
        {
            Standby = await Postgres.StartStandbyAsync();
            DatabaseUrl = Postgres.FailoverUrl(Standby, "aicq");
        }
        // One after the other: both would run the migrations at once (safe, but slower on two cores).
        Apis[0] = await ApiProcess.StartAsync(DatabaseUrl, Redis.Url, _apiSettings);
        Apis[1] = await ApiProcess.StartAsync(DatabaseUrl, Redis.Url, _apiSettings);
        Edge = await EdgeProcess.StartAsync(Tls, Apis.Select(a => a.BaseUrl), Redis.Url + "/1", _edgeSettings);
    }

    /// <summary>Kills instance <paramref name="index"/> (if it still runs) and starts a new one on the same ports.</summary>
    public async Task ReplaceApiAsync(int index, bool waitUntilReady = true)
    {
        var old = Apis[index];
        await old.DisposeAsync();
        var settings = new Dictionary<string, string?>(_apiSettings)
        {
            ["PORT"] = old.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["METRICS_PORT"] = new Uri(old.MetricsUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Apis[index] = await ApiProcess.StartAsync(DatabaseUrl, Redis.Url, settings, waitUntilReady);
    }

    /// <summary>A newly registered agent, registered at an API instance directly (no register budget spent at the edge).</summary>
    public async Task<AgentIdentity> NewAgentAsync(string name = "reliability")
    {
        using var http = Apis[0].CreateClient();
        return await TestAgents.RegisterAsync(http, name);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new IAsyncDisposable?[] { Edge, Apis[1], Apis[0], Redis, Standby, Postgres })
        {
            if (process is not null) await process.DisposeAsync();
        }
    }
}
