using Aicq.Testing.Telemetry;

namespace Aicq.StatusPage.Tests.Telemetry;

/// <summary>What a client sends never becomes a metric label: garbage methods and paths on either port add no series.</summary>
public sealed class BoundedLabelTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private static readonly string[] KnownPaths = ["/", "/api/status", "/feed.atom", "/badge/overall.svg", "/internal/alerts", "/internal/incidents", "/health/ready"];

    [Fact]
    public Task GarbageMethodsAndPaths_AddNoSeries() =>
        BoundedLabels.AssertGarbageAddsNoSeriesAsync(fixture.Page.InternalUrl + "/metrics",
            () => [fixture.Page.PublicClient(), fixture.Page.InternalClient(authorized: false)], KnownPaths,
            series => series.Any(s => s.StartsWith("aicq_health_check_status{", StringComparison.Ordinal)),
            "aicq_status_http_requests_total");
}
