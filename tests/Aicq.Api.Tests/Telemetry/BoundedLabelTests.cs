using Aicq.Testing.Telemetry;

namespace Aicq.Api.Tests.Telemetry;

/// <summary>What a client sends never becomes a metric label: garbage methods and paths add no series to the real process's /metrics.</summary>
public sealed class BoundedLabelTests(ApiProcessFixture fixture) : IClassFixture<ApiProcessFixture>
{
    private static readonly string[] ProtocolPaths = ["/register", "/room", "/room/00000000-0000-0000-0000-000000000001", "/dm", "/channels", "/"];

    private string MetricsUrl => fixture.Api.MetricsUrl + "/metrics";

    [Fact]
    public async Task GarbageMethodsAndPaths_AddNoSeries()
    {
        await HealthPublishedAsync();
        // Warm-up: two batches with a scrape between. A request is counted just after its answer, and a series the
        // runtime's meters add shows from the second scrape after it; so by the baseline every kind of request here,
        // scrapes included, has had its series listed, and the second batch's last request is of a kind already seen.
        await SendGarbageAsync(seed: 1);
        _ = await MetricSeries.ReadAsync(MetricsUrl);
        await SendGarbageAsync(seed: 2);
        var before = await MetricSeries.ReadAsync(MetricsUrl);

        foreach (var seed in new[] { 3, 4, 5 }) await SendGarbageAsync(seed);

        var after = await MetricSeries.ReadAsync(MetricsUrl);
        Assert.True(MetricSeries.Added(before, after) is "", "new series:\n" + MetricSeries.Added(before, after));
        Assert.Contains(after, s => s.StartsWith("aicq_http_requests_total{", StringComparison.Ordinal) && s.Contains("method=\"OTHER\""));
    }

    private async Task SendGarbageAsync(int seed)
    {
        using var http = fixture.Api.CreateClient();
        var garbagePaths = GarbageRequests.Paths(seed);
        foreach (var method in GarbageRequests.Methods(seed).Append("GET").Append("POST"))
        {
            foreach (var path in ProtocolPaths.Concat(garbagePaths))
            {
                using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                Assert.True((int)response.StatusCode < 500, $"{method[..Math.Min(20, method.Length)]} {path}: {(int)response.StatusCode}");
            }
        }
    }

    /// <summary>The health gauges appear on the first publish after start; wait for them so they are not counted as new.</summary>
    private async Task HealthPublishedAsync()
    {
        for (var i = 0; i < 150; i++)
        {
            var series = await MetricSeries.ReadAsync(MetricsUrl);
            if (series.Contains("aicq_health_check_status{check=\"postgres\"}") && series.Contains("aicq_health_check_status{check=\"redis\"}")) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("health checks not published within 30 s");
    }
}
