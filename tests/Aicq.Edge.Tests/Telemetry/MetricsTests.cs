using Aicq.Edge.Tests.RateLimiting;

namespace Aicq.Edge.Tests.Telemetry;

/// <summary>The edge's own series on the internal port, after traffic that exercises each of them.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class MetricsTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task InternalMetrics_CountRoutesLimitsBlocksAndUpstreams()
    {
        var edge = appliance.ShortEdge;
        using var client = edge.Client(ClientAddresses.Next());
        await BlockTests.SpendAndViolateAsync(client, violations: 10);
        using (var blocked = await client.GetAsync("/api"))
            Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);

        Assert.True(await edge.MetricAsync("aicq_edge_requests_total", ("route", "GET /channels"), ("status", "200")) >= 2);
        Assert.True(await edge.MetricAsync("aicq_edge_requests_total", ("route", "GET /channels"), ("status", "429")) >= 10);
        Assert.True(await edge.MetricAsync("aicq_edge_request_duration_seconds_count", ("route", "GET /channels")) >= 12);
        Assert.True(await edge.MetricAsync("aicq_rate_limit_hits_total", ("endpoint", "GET /channels"), ("scope", "ip")) >= 10);
        Assert.True(await edge.MetricAsync("aicq_blocked_requests_total", ("reason", "ip_blocked")) >= 1);
        Assert.Equal(1, await edge.MetricAsync("aicq_edge_upstream_healthy", ("destination", appliance.Api1.BaseUrl + "/")));
        Assert.Equal(1, await edge.MetricAsync("aicq_edge_upstream_healthy", ("destination", appliance.Api2.BaseUrl + "/")));
        Assert.Equal(0, await edge.MetricAsync("aicq_ratelimit_fallback_active"));
        Assert.Equal(1, await edge.MetricAsync("aicq_build_info"));
    }
}
