using Aicq.Testing.Telemetry;

namespace Aicq.Edge.Tests.Telemetry;

/// <summary>
/// Garbage methods and paths through the real edge add no series to the edge's metrics (internal port) nor to the
/// APIs' behind it: a method no protocol route takes is the edge's own 405, and never reaches an API.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class BoundedLabelTests(ApplianceFixture appliance)
{
    private static readonly string[] ProtocolPaths =
        ["/register", "/room", "/room/00000000-0000-0000-0000-000000000001", "/room/00000000-0000-0000-0000-000000000001/01J0000000000000000000000", "/dm", "/health", "/"];

    [Fact]
    public async Task GarbageMethodsAndPaths_AddNoSeriesAtTheEdgeOrTheApis()
    {
        // Warm-up: scrapes and two batches, and scrapes between. A request is counted just after its answer, and a series
        // the runtime's meters add shows from the second scrape after it; so by the baseline every kind of request here,
        // scrapes included, has had its series listed, and the second batch's last request is of a kind already seen.
        for (var seed = 1; seed <= 2; seed++)
        {
            _ = await EdgeSeriesAsync();
            _ = await ApiSeriesAsync();
            await SendGarbageAsync(seed);
        }
        var (edgeBefore, apisBefore) = (await EdgeSeriesAsync(), await ApiSeriesAsync());

        foreach (var seed in new[] { 3, 4, 5 }) await SendGarbageAsync(seed);

        var (edgeAfter, apisAfter) = (await EdgeSeriesAsync(), await ApiSeriesAsync());
        Assert.True(MetricSeries.Added(edgeBefore, edgeAfter) is "", "new series:\n" + MetricSeries.Added(edgeBefore, edgeAfter));
        Assert.True(MetricSeries.Added(apisBefore, apisAfter) is "", "new series:\n" + MetricSeries.Added(apisBefore, apisAfter));
    }

    [Theory]
    [InlineData("/register", "POST")]
    [InlineData("/room/00000000-0000-0000-0000-000000000001", "GET, POST")]
    [InlineData("/dm", "GET")]
    public async Task UnknownMethod_OnAProtocolRoute_Returns405FromTheEdge(string path, string allow)
    {
        var before = await OtherMethodsAtTheApisAsync();
        using var client = appliance.Edge.Client(ClientAddresses.Next());

        foreach (var method in GarbageRequests.Methods(seed: 5).Append("PUT"))
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            await Expect.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "method not allowed");
            Expect.SecurityHeaders(response);
            Assert.Equal(allow, Expect.Header(response, "Allow"));
        }
        Assert.Equal(before, await OtherMethodsAtTheApisAsync());
    }

    [Fact]
    public async Task UnknownMethod_OnAnUnmatchedPath_Returns405AndAKnownOneIsForwarded()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var unknown = await client.SendAsync(new HttpRequestMessage(new HttpMethod("FROB"), "/no/such/path"));
        await Expect.ErrorAsync(unknown, HttpStatusCode.MethodNotAllowed, "method not allowed");
        using var known = await client.GetAsync("/no/such/path");
        await Expect.ErrorAsync(known, HttpStatusCode.NotFound, "not found");
    }

    private async Task SendGarbageAsync(int seed)
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var internalClient = appliance.Edge.Internal();
        var garbagePaths = GarbageRequests.Paths(seed);
        foreach (var method in GarbageRequests.Methods(seed).Append("GET").Append("DELETE"))
        {
            foreach (var path in ProtocolPaths.Concat(garbagePaths))
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                Assert.True((int)response.StatusCode < 500, $"{Short(method)} {path}: {(int)response.StatusCode}");
            }
            foreach (var path in garbagePaths.Append("/metrics").Append("/admin/blocks"))
            {
                using var response = await internalClient.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                Assert.True((int)response.StatusCode < 500, $"internal {Short(method)} {path}: {(int)response.StatusCode}");
            }
        }
    }

    private Task<HashSet<string>> EdgeSeriesAsync() => MetricSeries.ReadAsync(appliance.Edge.InternalUrl + "/metrics");

    /// <summary>
    /// The series of both APIs together: the edge balances each request to either, so a kind of request the warm-up
    /// sent to one instance may later go to the other, with the same labels.
    /// </summary>
    private async Task<HashSet<string>> ApiSeriesAsync()
    {
        var series = await MetricSeries.ReadAsync(appliance.Api1.MetricsUrl + "/metrics");
        series.UnionWith(await MetricSeries.ReadAsync(appliance.Api2.MetricsUrl + "/metrics"));
        return series;
    }

    /// <summary>Requests the APIs counted under method OTHER: none may come from the edge.</summary>
    private async Task<double> OtherMethodsAtTheApisAsync()
    {
        var total = 0.0;
        foreach (var api in new[] { appliance.Api1, appliance.Api2 })
        {
            using var http = new HttpClient();
            var text = await http.GetStringAsync(api.MetricsUrl + "/metrics");
            total += text.Split('\n')
                .Where(l => l.StartsWith("aicq_http_requests_total{", StringComparison.Ordinal) && (l.Contains("method=\"OTHER\"") || l.Contains("method=\"PUT\"")))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        return total;
    }

    private static string Short(string method) => method[..Math.Min(20, method.Length)];
}
