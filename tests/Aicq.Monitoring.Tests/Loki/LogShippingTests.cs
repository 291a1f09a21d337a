using System.Text;

namespace Aicq.Monitoring.Tests.Loki;

/// <summary>
/// Log shipping as Loki receives it: the real API process with OTLP_LOGS_ENDPOINT pointed at a local
/// OTLP/HTTP receiver. Loki itself cannot run on this machine; what it would get is checked here.
/// </summary>
public sealed partial class LogShippingTests : IAsyncLifetime
{
    private readonly OtlpLogsReceiver _receiver = new();
    private ServiceProcess _api = null!;
    private HttpClient _http = null!;
    private string _metricsUrl = "";

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        var postgres = await SharedServers.PostgresAsync();
        var redis = await SharedServers.RedisAsync();
        int port = FreePort.Next(), metricsPort = FreePort.Next();
        _api = ServiceProcess.Start(RepoPaths.ProjectDll("Aicq.Api"), new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = await postgres.CreateDatabaseAsync(),
            ["REDIS_URL"] = redis.Url,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["METRICS_PORT"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["ENV"] = "test",
            ["LOG_FORMAT"] = "json",
            // Loki's OTLP base URL has the same shape: the sink appends /v1/logs.
            ["OTLP_LOGS_ENDPOINT"] = _receiver.BaseUrl + "/otlp",
        });
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TestTimeouts.Request };
        _metricsUrl = $"http://127.0.0.1:{metricsPort}/metrics";
        await _api.WaitForHttpAsync($"http://127.0.0.1:{port}/health/ready", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Export_BatchesRecords_WithResourceAndRequestAttributes_AndNoMessageText()
    {
        var secret = $"message-text-{Guid.NewGuid():N}";
        await ApiTraffic.GenerateAsync(_http.BaseAddress!.ToString().TrimEnd('/'), secret);
        var requestId = $"loki-test-{Guid.NewGuid():N}";
        using (var request = new HttpRequestMessage(HttpMethod.Get, "stats"))
        {
            request.Headers.Add("X-Request-ID", requestId);
            using var response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var line = await _receiver.WaitForRecordAsync(r => r.Attributes.GetValueOrDefault("request_id") == requestId, TimeSpan.FromSeconds(20));
        Assert.Equal("GET", line.Attributes["method"]);
        Assert.Equal("/stats", line.Attributes["path"]);
        Assert.Equal("200", line.Attributes["status"]);
        // Loki's three labels (loki-config.yaml promotes exactly these log attributes).
        Assert.Equal("info", line.Attributes["level"]);
        Assert.Equal("aicq-api", line.Attributes["service"]);
        Assert.Equal("test", line.Attributes["env"]);

        var exports = _receiver.Exports;
        Assert.All(exports, e => Assert.Equal("/otlp/v1/logs", e.Path));
        Assert.All(exports, e => Assert.StartsWith("application/x-protobuf", e.ContentType));
        Assert.Contains(exports, e => e.Records.Count() > 1);
        Assert.All(exports.SelectMany(e => e.Logs), logs =>
        {
            Assert.Equal("aicq-api", logs.Resource["service.name"]);
            Assert.False(string.IsNullOrWhiteSpace(logs.Resource["service.version"]));
            Assert.Equal("test", logs.Resource["deployment.environment"]);
        });
        Assert.All(exports.SelectMany(e => e.Records), r => Assert.Matches("^(trace|debug|info|warn|error|fatal)$", r.Attributes["level"]));
        // Message bodies never reach the logs: not in a rendered message, an attribute, or anywhere in the bytes.
        Assert.DoesNotContain(exports, e => Encoding.UTF8.GetString(e.Body).Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceiverHangingThenDown_RequestsStayFast_AndDroppedLogsAreCounted()
    {
        Assert.Equal(0, await ShippingFailuresAsync("dropped"));
        await ApiTraffic.GenerateAsync(_http.BaseAddress!.ToString().TrimEnd('/')); // warm: first calls pay for JIT and pools
        var usual = await TimedRequestsAsync(10, TimeSpan.FromSeconds(5));
        // A request that waited for the hung receiver would wait as long as it hangs (past the client's timeout):
        // "fast" is this run's own usual latency with a wide margin, not a fixed figure for every machine.
        var fast = TimeSpan.FromSeconds(1) + 3 * usual;
        await _receiver.WaitForRecordAsync(r => r.Attributes.ContainsKey("request_id"), TimeSpan.FromSeconds(20));

        // An export that never gets an answer holds the sink's one sender; requests must not notice.
        _receiver.Hang = true;
        await TimedRequestsAsync(40, fast);
        await _receiver.StopAsync();
        await TimedRequestsAsync(40, fast);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ShippingFailuresAsync("dropped") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "aicq_log_shipping_failures_total{outcome=\"dropped\"} stayed 0 for 60 s with the receiver down; retried: " + await ShippingFailuresAsync("retried"));
            await Task.Delay(500);
        }
        Assert.True(await ShippingFailuresAsync("retried") > 0);
        Assert.False(_api.HasExited);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_api is not null) await _api.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    /// <summary>Logged requests, one after another, each within <paramref name="bound"/>; returns the slowest.</summary>
    private async Task<TimeSpan> TimedRequestsAsync(int count, TimeSpan bound)
    {
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await _http.GetAsync(i % 2 == 0 ? "stats" : "channels");
            watch.Stop();
            response.EnsureSuccessStatusCode();
            Assert.True(watch.Elapsed < bound, $"GET {response.RequestMessage?.RequestUri} took {watch.ElapsedMilliseconds} ms (bound {bound.TotalMilliseconds:0} ms).");
            if (watch.Elapsed > slowest) slowest = watch.Elapsed;
        }
        return slowest;
    }

    private async Task<double> ShippingFailuresAsync(string outcome)
    {
        using var metrics = new HttpClient { Timeout = TestTimeouts.Request };
        var text = await metrics.GetStringAsync(_metricsUrl);
        var match = FailureLine().Matches(text).FirstOrDefault(m => m.Groups["outcome"].Value == outcome);
        Assert.True(match is not null, $"aicq_log_shipping_failures_total{{outcome=\"{outcome}\"}} is not exported.");
        return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("""^aicq_log_shipping_failures_total\{outcome="(?<outcome>[a-z]+)"\} (?<value>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex FailureLine();
}
