using Aicq.StatusPage.Tests.Support;
using Aicq.Testing.Telemetry;

namespace Aicq.StatusPage.Tests.Telemetry;

/// <summary>What a client sends never becomes a metric label: garbage methods and paths on either port add no series.</summary>
public sealed class BoundedLabelTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private static readonly string[] KnownPaths = ["/", "/api/status", "/feed.atom", "/badge/overall.svg", "/internal/alerts", "/internal/incidents", "/health/ready"];

    private string MetricsUrl => fixture.Page.InternalUrl + "/metrics";

    [Fact]
    public async Task GarbageMethodsAndPaths_AddNoSeries()
    {
        await HealthPublishedAsync();
        // Warm-up, as in the API's test: two batches with a scrape between, so every kind of answer here has its series.
        await SendGarbageAsync(seed: 1);
        _ = await MetricSeries.ReadAsync(MetricsUrl);
        await SendGarbageAsync(seed: 2);
        var before = await MetricSeries.ReadAsync(MetricsUrl);

        foreach (var seed in new[] { 3, 4, 5 }) await SendGarbageAsync(seed);

        var after = await MetricSeries.ReadAsync(MetricsUrl);
        Assert.True(MetricSeries.Added(before, after) is "", "new series:\n" + MetricSeries.Added(before, after));
        Assert.Contains(after, s => s.StartsWith("aicq_status_http_requests_total{", StringComparison.Ordinal) && s.Contains("method=\"OTHER\""));
    }

    private async Task SendGarbageAsync(int seed)
    {
        var paths = KnownPaths.Concat(GarbageRequests.Paths(seed)).ToList();
        foreach (var client in new[] { fixture.Page.PublicClient(), fixture.Page.InternalClient(authorized: false) })
        {
            using var http = client;
            foreach (var method in GarbageRequests.Methods(seed).Append("GET").Append("POST"))
            {
                foreach (var path in paths)
                {
                    using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                    Assert.True((int)response.StatusCode < 500, $"{method[..Math.Min(20, method.Length)]} {path}: {(int)response.StatusCode}");
                }
            }
        }
    }

    /// <summary>The health gauges appear on the first publish after start; wait for them so they are not counted as new.</summary>
    private async Task HealthPublishedAsync()
    {
        for (var i = 0; i < 150; i++)
        {
            if ((await MetricSeries.ReadAsync(MetricsUrl)).Any(s => s.StartsWith("aicq_health_check_status{", StringComparison.Ordinal))) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("health checks not published within 30 s");
    }
}
