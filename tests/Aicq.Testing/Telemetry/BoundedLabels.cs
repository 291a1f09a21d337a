namespace Aicq.Testing.Telemetry;

/// <summary>
/// The check that what a client sends never becomes a metric label: after a warm-up, batches of garbage methods
/// and paths (<see cref="GarbageRequests"/>) add no series to a real process's /metrics. Shared by every service.
/// </summary>
public static class BoundedLabels
{
    /// <param name="metricsUrl">The full /metrics URL.</param>
    /// <param name="clients">Fresh clients for one batch (each is disposed), e.g. one per port.</param>
    /// <param name="knownPaths">Real routes, sent with the garbage ones.</param>
    /// <param name="healthPublished">True once the health gauges are listed (they appear on the first publish after start).</param>
    /// <param name="requestsMetric">The requests counter whose <c>method="OTHER"</c> series shows garbage was counted.</param>
    public static async Task AssertGarbageAddsNoSeriesAsync(string metricsUrl, Func<IEnumerable<HttpClient>> clients,
        IReadOnlyList<string> knownPaths, Func<HashSet<string>, bool> healthPublished, string requestsMetric)
    {
        Assert.True(await Poll.UntilAsync(async () => healthPublished(await MetricSeries.ReadAsync(metricsUrl)), TimeSpan.FromSeconds(60)),
            "health checks not published within 60 s");
        // Warm-up: two batches with a scrape between. A request is counted just after its answer, and a series the
        // runtime's meters add shows from the second scrape after it; so by the baseline every kind of request here,
        // scrapes included, has had its series listed, and the second batch's last request is of a kind already seen.
        await SendAsync(clients, knownPaths, seed: 1);
        _ = await MetricSeries.ReadAsync(metricsUrl);
        await SendAsync(clients, knownPaths, seed: 2);
        var before = await MetricSeries.ReadAsync(metricsUrl);

        foreach (var seed in new[] { 3, 4, 5 }) await SendAsync(clients, knownPaths, seed);

        var after = await MetricSeries.ReadAsync(metricsUrl);
        Assert.True(MetricSeries.Added(before, after) is "", "new series:\n" + MetricSeries.Added(before, after));
        Assert.Contains(after, s => s.StartsWith(requestsMetric + "{", StringComparison.Ordinal) && s.Contains("method=\"OTHER\""));
    }

    private static async Task SendAsync(Func<IEnumerable<HttpClient>> clients, IReadOnlyList<string> knownPaths, int seed)
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
}
