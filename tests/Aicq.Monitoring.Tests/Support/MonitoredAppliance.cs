using Aicq.Testing;

namespace Aicq.Monitoring.Tests.Support;

[CollectionDefinition(Name)]
public sealed class MonitoredApplianceCollection : ICollectionFixture<MonitoredAppliance>
{
    public const string Name = "monitored appliance";
}

/// <summary>
/// The appliance with its monitoring, all real processes on loopback: a PostgreSQL and a Redis of its
/// own (the fire drill stops them), the built API, postgres-, redis- and node-exporter, Alertmanager and
/// Prometheus (<see cref="MonitoringStack"/>), and the <see cref="AlertReceiver"/> playing on-call.
/// Shared by the fire drill and the live dashboard test: starting it costs about ten seconds.
/// </summary>
public sealed class MonitoredAppliance : IAsyncLifetime
{
    private readonly List<NativeProcess> _exporters = [];

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public string ApiBaseUrl { get; private set; } = "";

    internal ServiceProcess Api { get; private set; } = null!;

    internal AlertReceiver Receiver { get; } = new();

    internal MonitoringStack Monitoring { get; private set; } = null!;

    internal PrometheusApi Prometheus => Monitoring.Prometheus;

    public async Task InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        await Receiver.StartAsync();
        Postgres = await postgres;
        Redis = await redis;
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

        var targets = new ScrapeTargets(metricsPort, FreePort.Next(), FreePort.Next(), FreePort.Next());
        var directory = TestState.NewDirectory("exporters");
        StartExporter(Tool.PostgresExporter, directory, [$"--web.listen-address=127.0.0.1:{targets.PostgresExporter}"],
            new Dictionary<string, string> { ["DATA_SOURCE_NAME"] = databaseUrl });
        StartExporter(Tool.RedisExporter, directory,
            [$"-redis.addr={Redis.Url}", $"-web.listen-address=127.0.0.1:{targets.RedisExporter}"]);
        StartExporter(Tool.NodeExporter, directory, [$"--web.listen-address=127.0.0.1:{targets.NodeExporter}",
            "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo", "--collector.loadavg"]);

        Monitoring = await MonitoringStack.StartAsync(targets, Receiver);
        await Api.WaitForHttpAsync($"{ApiBaseUrl}/health/ready", TimeSpan.FromSeconds(60));
        foreach (var (exporter, port) in _exporters.Zip([targets.PostgresExporter, targets.RedisExporter, targets.NodeExporter]))
            await exporter.WaitForHttpAsync($"http://127.0.0.1:{port}/metrics", TimeSpan.FromSeconds(20));
        await WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Waits until every target is up, both exporters reach their server, every API health check passes
    /// and no dependency alert is pending or firing: the state each test starts from.
    /// </summary>
    internal async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        string[] checks =
        [
            "min(up) == 1", "pg_up == 1", "redis_up == 1",
            "min(aicq_health_check_status{check!=\"shutdown\"}) == 1",
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
        if (Api is not null) await Api.DisposeAsync();
        await Receiver.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
    }

    private void StartExporter(ToolSpec tool, string directory, string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        _exporters.Add(NativeProcess.Start(tool, directory, args, environment));
}
