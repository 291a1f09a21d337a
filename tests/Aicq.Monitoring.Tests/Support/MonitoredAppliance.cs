namespace Aicq.Monitoring.Tests.Support;

[CollectionDefinition(Name)]
public sealed class MonitoredApplianceCollection : ICollectionFixture<MonitoredAppliance>
{
    public const string Name = "monitored appliance";
}

/// <summary>
/// The appliance with its monitoring, all real processes on loopback: a PostgreSQL and a Redis of its
/// own (the fire drill stops them), the built API, the built edge in front of it (HTTPS with a certificate
/// from its own <c>--make-dev-cert</c>, and a Redis of its own so that the Redis drill does not also
/// switch the edge to its in-memory limiter), postgres-, redis- and node-exporter, the blackbox exporter,
/// Alertmanager and Prometheus (<see cref="MonitoringStack"/>), and the <see cref="AlertReceiver"/>
/// playing on-call. Shared by the fire drill and the live dashboard test: starting it costs about fifteen seconds.
/// </summary>
public sealed class MonitoredAppliance : IAsyncLifetime
{
    private readonly List<ChildProcess> _exporters = [];

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The edge's own Redis (budgets, violations, blocks); the fire drill leaves it alone.</summary>
    public RedisServer EdgeRedis { get; private set; } = null!;

    public string ApiBaseUrl { get; private set; } = "";

    internal ServiceProcess Api { get; private set; } = null!;

    /// <summary>
    /// The edge, with <see cref="EdgeSettings"/>: agents' traffic goes through <see cref="EdgeProcess.Client"/>,
    /// which trusts only the generated CA.
    /// </summary>
    internal EdgeProcess Edge { get; private set; } = null!;

    internal AlertReceiver Receiver { get; } = new();

    internal MonitoringStack Monitoring { get; private set; } = null!;

    internal PrometheusApi Prometheus => Monitoring.Prometheus;

    public async Task InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        var edgeRedis = RedisServer.StartAsync();
        var tls = TestCertificate.CreateAsync();
        await Receiver.StartAsync();
        Postgres = await postgres;
        Redis = await redis;
        EdgeRedis = await edgeRedis;
        var databaseUrl = await Postgres.CreateDatabaseAsync("aicq");

        int apiPort = FreePort.Next(), metricsPort = FreePort.Next();
        Api = ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.Api"), new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = databaseUrl,
            ["REDIS_URL"] = Redis.Url,
            ["PORT"] = apiPort.ToString(),
            ["METRICS_PORT"] = metricsPort.ToString(),
            ["ENV"] = "test",
            ["LOG_FORMAT"] = "json",
        });
        ApiBaseUrl = $"http://127.0.0.1:{apiPort}";

        await Api.WaitForHttpAsync($"{ApiBaseUrl}/health/ready", TimeSpan.FromSeconds(60));
        // The edge is ready once its upstream is: after the API.
        Edge = await EdgeProcess.StartAsync(await tls, [ApiBaseUrl], EdgeRedis.Url, EdgeSettings);

        var targets = new ScrapeTargets(metricsPort, FreePort.Next(), FreePort.Next(), FreePort.Next(),
            new Uri(Edge.InternalUrl).Port, Edge.HttpsPort, Edge.Tls.CaPath);
        var directory = TestState.NewDirectory("exporters");
        StartExporter(Tool.PostgresExporter, directory, [$"--web.listen-address=127.0.0.1:{targets.PostgresExporter}"],
            new Dictionary<string, string?> { ["DATA_SOURCE_NAME"] = databaseUrl });
        StartExporter(Tool.RedisExporter, directory,
            [$"-redis.addr={Redis.Url}", $"-web.listen-address=127.0.0.1:{targets.RedisExporter}"]);
        StartExporter(Tool.NodeExporter, directory, [$"--web.listen-address=127.0.0.1:{targets.NodeExporter}",
            "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo", "--collector.loadavg"]);

        Monitoring = await MonitoringStack.StartAsync(targets, Receiver);
        foreach (var (exporter, port) in _exporters.Zip([targets.PostgresExporter, targets.RedisExporter, targets.NodeExporter]))
            await exporter.WaitForHttpAsync($"http://127.0.0.1:{port}/metrics", TimeSpan.FromSeconds(20));
        await WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Waits until every target is up, both exporters reach their server, every API and edge health check
    /// passes, the blackbox probe of the edge succeeds and no dependency alert is pending or firing: the
    /// state each test starts from.
    /// </summary>
    internal async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        string[] checks =
        [
            "min(up) == 1", "pg_up == 1", "redis_up == 1",
            "min(aicq_health_check_status{check!=\"shutdown\"}) == 1",
            // The edge answers /health over HTTPS, verified against the generated CA, with an upstream in rotation.
            "min(probe_success{job=\"blackbox-edge\"}) == 1", "min(aicq_edge_upstream_healthy) == 1",
            "absent(ALERTS{alertname=~\"PostgresDown|RedisDown|AicqApiHealthCheckFailing\"})",
        ];
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var failing = new List<string>();
            foreach (var check in checks)
                if ((await Prometheus.QueryAsync(check)).Count == 0) failing.Add(check);
            if (failing.Count == 0) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The appliance was not healthy within {timeout.TotalSeconds:0} s; still false: {string.Join("; ", failing)}");
            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        if (Monitoring is not null) await Monitoring.DisposeAsync();
        foreach (var exporter in _exporters) await exporter.DisposeAsync();
        if (Edge is not null) await Edge.DisposeAsync();
        if (Api is not null) await Api.DisposeAsync();
        await Receiver.DisposeAsync();
        if (EdgeRedis is not null) await EdgeRedis.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
    }

    /// <summary>
    /// The address <see cref="ApiTraffic.AbuseAsync"/> abuses from: any of 127.0.0.0/8 can be bound locally, and a
    /// block of it must not touch 127.0.0.1, from which the agents' traffic and the blackbox probe come.
    /// </summary>
    internal static readonly IPAddress AbuserAddress = IPAddress.Parse("127.0.4.1");

    /// <summary>
    /// Production limits except <c>find</c> (2 a minute) and blocks after two 429s for 30 s, so a few
    /// requests produce both a rate-limit hit and a block; 127.0.0.1 (agents, probe) is never blocked.
    /// </summary>
    private static readonly Dictionary<string, string?> EdgeSettings = new()
    {
        ["RATE_LIMIT_OVERRIDES"] = $"find={ApiTraffic.FindLimit}/1m",
        ["BLOCK_THRESHOLD"] = "2",
        ["BLOCK_WINDOW_SECONDS"] = "60",
        ["BLOCK_DURATION_SECONDS"] = "30",
        ["ALLOW_LIST"] = "127.0.0.1/32",
    };

    private void StartExporter(ToolSpec tool, string directory, string[] args, IReadOnlyDictionary<string, string?>? environment = null) =>
        _exporters.Add(ChildProcess.Start(Tool.Locate(tool), args,
            new ChildProcessOptions { WorkingDirectory = directory, Environment = environment ?? new Dictionary<string, string?>() }));
}
