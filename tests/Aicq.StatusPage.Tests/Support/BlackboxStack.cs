using System.Globalization;

namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// Debian's real Prometheus and blackbox exporter on loopback, scraping every <see cref="Scrape"/>: job
/// <c>blackbox-edge</c> probes <see cref="Edge"/>, a plain HTTP server the test stops and starts, for a 200 on
/// <c>/health</c> (the committed module adds only TLS with the appliance CA). Each process leaves a pidfile under
/// <see cref="TestState.Root"/> so an interrupted run is cleaned up.
/// </summary>
public sealed class BlackboxStack : IAsyncDisposable
{
    /// <summary>
    /// Not 1 s: the exporter gives a probe the scrape timeout less half a second, and on a busy machine half a second to
    /// loopback is sometimes too little; a timed-out probe is an outage the test did not make.
    /// </summary>
    public static readonly TimeSpan Scrape = TimeSpan.FromSeconds(2);
    private readonly List<(Process Process, string PidFile)> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private BlackboxStack(StandInEdge edge, string prometheusUrl)
    {
        Edge = edge;
        PrometheusUrl = new Uri(prometheusUrl + "/");
    }

    public StandInEdge Edge { get; }
    public Uri PrometheusUrl { get; }

    public static async Task<BlackboxStack> StartAsync()
    {
        var directory = TestState.NewDirectory("blackbox");
        var edge = await StandInEdge.StartAsync();
        int prometheusPort = FreePort.Next(), blackboxPort = FreePort.Next();
        var stack = new BlackboxStack(edge, $"http://127.0.0.1:{prometheusPort}");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "blackbox.yml"), """
                modules:
                  http_edge:
                    prober: http
                    timeout: 1500ms
                    http:
                      method: GET
                      valid_status_codes: [200]
                      preferred_ip_protocol: ip4
                      ip_protocol_fallback: false
                """);
            await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), $"""
                global:
                  scrape_interval: {Scrape.TotalSeconds}s
                scrape_configs:
                  - job_name: blackbox-edge
                    metrics_path: /probe
                    params:
                      module: [http_edge]
                    static_configs:
                      - targets: ['{edge.Url}/health']
                    relabel_configs:
                      - source_labels: [__address__]
                        target_label: __param_target
                      - source_labels: [__param_target]
                        target_label: instance
                      - target_label: __address__
                        replacement: '127.0.0.1:{blackboxPort}'
                """);
            stack.Start(directory, "prometheus-blackbox-exporter", $"--config.file={Path.Combine(directory, "blackbox.yml")}",
                $"--web.listen-address=127.0.0.1:{blackboxPort}");
            stack.Start(directory, "prometheus", $"--config.file={Path.Combine(directory, "prometheus.yml")}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{prometheusPort}");
            await stack.WaitForAsync(async () => (await stack._http.GetAsync(new Uri(stack.PrometheusUrl, "-/ready"))).IsSuccessStatusCode,
                TimeSpan.FromSeconds(30), "Prometheus to be ready");
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until Prometheus holds <paramref name="count"/> probe results in a row with <paramref name="success"/>, the newest last.</summary>
    public Task WaitForProbesAsync(bool success, int count) =>
        WaitForAsync(async () => (await RecentProbesAsync()).TakeLast(count).Count(s => s == success) == count,
            (count + 10) * Scrape + TimeSpan.FromSeconds(10), $"{count} probe results of {(success ? 1 : 0)}");

    /// <summary>probe_success of the last 30 s, oldest first.</summary>
    private async Task<IReadOnlyList<bool>> RecentProbesAsync()
    {
        var url = new Uri(PrometheusUrl, "api/v1/query?query=" + Uri.EscapeDataString("probe_success{job=\"blackbox-edge\"}[30s]"));
        using var document = JsonDocument.Parse(await _http.GetStringAsync(url));
        return document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .SelectMany(s => s.GetProperty("values").EnumerateArray())
            .Select(v => double.Parse(v[1].GetString()!, CultureInfo.InvariantCulture) == 1).ToList();
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_processes.FirstOrDefault(p => p.Process.HasExited) is { Process: { } exited })
                throw new InvalidOperationException($"{exited.StartInfo.FileName} exited with {exited.ExitCode}");
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException) { /* not up yet */ }
            await Task.Delay(Scrape / 4);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
    }

    private void Start(string directory, string executable, params string[] args)
    {
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start (apt-get install {executable}).");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((process, TestState.WritePidFile(TestState.Root, $"{executable}-{process.Id}", process.Id)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, pidFile) in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            process.Dispose();
            File.Delete(pidFile);
        }
        _http.Dispose();
        await Edge.DisposeAsync();
    }
}
