namespace Aicq.StatusPage.Tests.Maintenance;

/// <summary>
/// With STATUS_MAINTENANCE_SILENCES off there is nothing to keep in sync with Alertmanager: no in-sync series, so
/// StatusMaintenanceSilencesOutOfSync (which fires on 0) cannot page for a page that silences nothing by choice.
/// </summary>
public sealed class SilencesOffTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    [Fact]
    public async Task SilencingOff_ExportsNoInSyncSeries()
    {
        using var metrics = fixture.Page.InternalClient();
        var text = await metrics.GetStringAsync("/metrics");
        Assert.Contains("aicq_status_http_requests_total{", text);
        Assert.DoesNotMatch(@"(?m)^aicq_status_maintenance_silences_in_sync\b", text);
    }
}
