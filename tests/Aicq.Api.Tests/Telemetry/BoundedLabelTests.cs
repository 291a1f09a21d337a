namespace Aicq.Api.Tests.Telemetry;

/// <summary>What a client sends never becomes a metric label: garbage methods and paths add no series to the real process's /metrics.</summary>
public sealed class BoundedLabelTests(ApiProcessFixture fixture) : IClassFixture<ApiProcessFixture>
{
    private static readonly string[] ProtocolPaths = ["/register", "/room", "/room/00000000-0000-0000-0000-000000000001", "/dm", "/channels", "/"];

    [Fact]
    public Task GarbageMethodsAndPaths_AddNoSeries() =>
        BoundedLabels.AssertGarbageAddsNoSeriesAsync(fixture.Api.MetricsUrl + "/metrics", () => [fixture.Api.CreateClient()], ProtocolPaths,
            series => series.Contains("aicq_health_check_status{check=\"postgres\"}") && series.Contains("aicq_health_check_status{check=\"redis\"}"),
            "aicq_http_requests_total");
}
