using Xunit;

namespace Aicq.Testing.Telemetry;

/// <summary>
/// What a client sends never becomes a metric label: garbage methods and paths, sent to a real process, add no series
/// to its /metrics. One procedure for every service that counts requests by method and route.
/// </summary>
public static class BoundedLabels
{
    /// <param name="metricsUrl">The service's /metrics.</param>
    /// <param name="healthPublished">Whether a scrape already shows the health gauges, which appear on the first publish after start.</param>
    /// <param name="clients">Fresh clients for every port that takes requests.</param>
    /// <param name="knownPaths">Real routes, so their series exist before the baseline.</param>
    /// <param name="requestsFamily">The request counter, which must show garbage methods as <c>OTHER</c>.</param>
    public static async Task AssertGarbageAddsNoSeriesAsync(string metricsUrl, Func<IReadOnlySet<string>, bool> healthPublished,
        Func<IEnumerable<HttpClient>> clients, IReadOnlyList<string> knownPaths, string requestsFamily)
    {
        await WaitAsync(metricsUrl, healthPublished);
        // Warm-up: two batches with a scrape between. A request is counted just after its answer, and a series the
        // runtime's meters add shows from the second scrape after it; so by the baseline every kind of request here,
        // scrapes included, has had its series listed, and the second batch's last request is of a kind already seen.
        await SendGarbageAsync(clients, knownPaths, seed: 1);
        _ = await MetricSeries.ReadAsync(metricsUrl);
        await SendGarbageAsync(clients, knownPaths, seed: 2);
        var before = await MetricSeries.ReadAsync(metricsUrl);

        foreach (var seed in new[] { 3, 4, 5 }) await SendGarbageAsync(clients, knownPaths, seed);

        var after = await MetricSeries.ReadAsync(metricsUrl);
        Assert.True(MetricSeries.Added(before, after) is "", "new series:\n" + MetricSeries.Added(before, after));
        Assert.Contains(after, s => s.StartsWith(requestsFamily + "{", StringComparison.Ordinal) && s.Contains("method=\"OTHER\""));
    }

    private static async Task SendGarbageAsync(Func<IEnumerable<HttpClient>> clients, IReadOnlyList<string> knownPaths, int seed)
    {
        var paths = knownPaths.Concat(GarbageRequests.Paths(seed)).ToList();
        foreach (var client in clients())
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

    private static async Task WaitAsync(string metricsUrl, Func<IReadOnlySet<string>, bool> healthPublished)
    {
        for (var i = 0; i < 150; i++)
        {
            if (healthPublished(await MetricSeries.ReadAsync(metricsUrl))) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("health checks not published within 30 s");
    }
}
