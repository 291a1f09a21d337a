namespace Aicq.Monitoring.Tests.Support;

/// <summary>
/// The ports of what Prometheus scrapes in a test, in place of the launcher's fixed ones: the edge's internal
/// (metrics) port, its public HTTPS port that the blackbox exporter probes, and the CA the probe verifies it with.
/// </summary>
internal sealed record ScrapeTargets(
    int ApiMetrics, int PostgresExporter, int RedisExporter, int NodeExporter, int EdgeInternal, int EdgeHttps, string EdgeCaFile);

/// <summary>
/// Prometheus and Alertmanager configured exactly as committed, rendered by the same scripts as the
/// launcher (local variant) with only what a test must change: fast intervals, its own ports through a
/// render map, and every webhook pointed at the test's <see cref="AlertReceiver"/>. The blackbox exporter
/// runs with the rendered <c>blackbox.yml</c> (CA through <c>--ca-file</c>) and probes the test's edge; only
/// the status page has no target: it is not part of these tests.
/// </summary>
internal sealed class MonitoringStack : IAsyncDisposable
{
    private readonly List<ChildProcess> _processes = [];

    private MonitoringStack(string directory) => Directory = directory;

    public string Directory { get; }

    public PrometheusApi Prometheus { get; private set; } = null!;

    public HttpClient Alertmanager { get; } = new() { Timeout = TestTimeouts.Request };

    /// <summary>The <c>env</c> external label the rendered configuration attaches to every alert.</summary>
    public string Env { get; private set; } = "";

    public static async Task<MonitoringStack> StartAsync(ScrapeTargets targets, AlertReceiver receiver)
    {
        var stack = new MonitoringStack(TestState.NewDirectory("monitoring"));
        try
        {
            await stack.StartCoreAsync(targets, receiver);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes)) await process.DisposeAsync();
        Prometheus?.Dispose();
        Alertmanager.Dispose();
    }

    private async Task StartCoreAsync(ScrapeTargets targets, AlertReceiver receiver)
    {
        int prometheusPort = FreePort.Next(), alertmanagerPort = FreePort.Next(), blackboxPort = FreePort.Next();

        var alertmanagerDir = Path.Combine(Directory, "alertmanager");
        var statusMap = Path.Combine(Directory, "alertmanager.map");
        await File.WriteAllTextAsync(statusMap, $"http://127.0.0.1:9094/ => {receiver.BaseUrl}/status/\n");
        // Deliveries to the status page carry its webhook token; without the file Alertmanager would not send them.
        var statusToken = Path.Combine(Directory, "status_webhook_token");
        await File.WriteAllTextAsync(statusToken, "monitoring-stack-webhook-token-0123456789");
        // Alertmanager's own timings in seconds (group_wait 1s on every route), so delivery is not what the drill waits for.
        var alertmanagerConfig = Renderer.RenderAlertmanager(alertmanagerDir, "local",
            "--oncall-url", receiver.BaseUrl + AlertReceiver.OnCallPath, "--heartbeat-url", receiver.BaseUrl + AlertReceiver.HeartbeatPath,
            "--secrets-dir", Path.Combine(alertmanagerDir, "secrets"), "--status-token-file", statusToken,
            "--group-wait", "1s", "--group-interval", "2s", "--repeat-interval", "5s", "--map", statusMap);
        var alertmanager = Start(Tool.Alertmanager,
            $"--config.file={alertmanagerConfig}", $"--storage.path={Path.Combine(alertmanagerDir, "data")}",
            $"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address=");

        var prometheusDir = Path.Combine(Directory, "prometheus");
        var portMap = Path.Combine(Directory, "prometheus.map");
        await File.WriteAllLinesAsync(portMap,
        [
            $"'127.0.0.1:9090' => '127.0.0.1:{prometheusPort}'",
            $"'127.0.0.1:9093' => '127.0.0.1:{alertmanagerPort}'",
            // One API instance in these tests.
            $"'127.0.0.1:9091', '127.0.0.1:9095' => '127.0.0.1:{targets.ApiMetrics}'",
            $"'127.0.0.1:9187' => '127.0.0.1:{targets.PostgresExporter}'",
            $"'127.0.0.1:9121' => '127.0.0.1:{targets.RedisExporter}'",
            $"'127.0.0.1:9100' => '127.0.0.1:{targets.NodeExporter}'",
            $"'127.0.0.1:9092' => '127.0.0.1:{targets.EdgeInternal}'",
            $"'https://127.0.0.1:8443/health' => 'https://127.0.0.1:{targets.EdgeHttps}/health'",
            $"'127.0.0.1:9115' => '127.0.0.1:{blackboxPort}'",
            "- targets: ['127.0.0.1:9094'] => - targets: []",
        ]);
        // Scrapes every 2 s, not 1 s: the scrape timeout equals the interval when that is under 10 s, and
        // postgres-exporter takes just over a second to report pg_up 0 for a stopped server; a 1 s timeout
        // would turn that into a failed scrape (no pg_up at all, so PostgresDown could never fire).
        var prometheusConfig = Renderer.RenderPrometheus(prometheusDir, "local",
            "--scrape-interval", "2s", "--evaluation-interval", "1s", "--ca-file", targets.EdgeCaFile, "--map", portMap);
        var blackbox = Start(Tool.Blackbox,
            $"--config.file={Path.Combine(prometheusDir, "blackbox.yml")}", $"--web.listen-address=127.0.0.1:{blackboxPort}");
        Env = Yaml.Load(prometheusConfig).Map("global").Map("external_labels").Str("env")!;
        // resend-delay: Prometheus re-sends firing alerts every minute by default; an alert it sent
        // before Alertmanager was ready would otherwise arrive a minute late.
        var prometheus = Start(Tool.Prometheus,
            $"--config.file={prometheusConfig}", $"--storage.tsdb.path={Path.Combine(prometheusDir, "data")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}", "--rules.alert.resend-delay=1s");

        Alertmanager.BaseAddress = new Uri($"http://127.0.0.1:{alertmanagerPort}/");
        Prometheus = new PrometheusApi($"http://127.0.0.1:{prometheusPort}");
        await alertmanager.WaitForHttpAsync($"http://127.0.0.1:{alertmanagerPort}/-/ready", TimeSpan.FromSeconds(30));
        await prometheus.WaitForHttpAsync($"http://127.0.0.1:{prometheusPort}/-/ready", TimeSpan.FromSeconds(30));
        await blackbox.WaitForHttpAsync($"http://127.0.0.1:{blackboxPort}/metrics", TimeSpan.FromSeconds(30));
    }

    private ChildProcess Start(ToolSpec tool, params string[] args)
    {
        var process = ChildProcess.Start(Tool.Locate(tool), args, new ChildProcessOptions { WorkingDirectory = Directory });
        _processes.Add(process);
        return process;
    }
}
