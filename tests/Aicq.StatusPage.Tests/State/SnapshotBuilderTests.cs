namespace Aicq.StatusPage.Tests.State;

public sealed class SnapshotBuilderTests
{
    [Fact]
    public void UnconfiguredComponents_AreNotMonitored_AndDoNotAffectTheOverallState()
    {
        var snapshot = Samples.AllOperational();
        Assert.Equal(ComponentState.NotMonitored, snapshot.Find(Catalog.Loki)!.Status.State);
        Assert.Equal(ComponentState.Operational, snapshot.Overall.State);
        Assert.Equal("All systems operational", snapshot.Overall.Headline);
    }

    [Fact]
    public void OutageOnThePublicPath_IsAMajorOutage_ElsewhereOnlyDegraded()
    {
        var api = Samples.Snapshot([Samples.Status(Catalog.Api, ComponentState.Outage, "no instance answers")]);
        Assert.Equal(ComponentState.Outage, api.Overall.State);
        Assert.Equal("AICQ API: outage (no instance answers)", api.Overall.Reason);

        var grafana = Samples.Snapshot([Samples.Status(Catalog.Grafana, ComponentState.Outage, "connection refused")]);
        Assert.Equal(ComponentState.Degraded, grafana.Overall.State);
    }

    [Fact]
    public void ActiveMaintenance_ShowsMaintenance_AndKeepsTheOverallStateOperational()
    {
        var window = new MaintenanceView(1, "Database upgrade", [Catalog.Postgres], Samples.Now.AddMinutes(-5), Samples.Now.AddHours(1), Active: true);
        var snapshot = Samples.Snapshot([Samples.Status(Catalog.Postgres, ComponentState.Outage, "down")], maintenance: [window]);
        var postgres = snapshot.Find(Catalog.Postgres)!.Status;
        Assert.Equal(ComponentState.Maintenance, postgres.State);
        Assert.StartsWith("Scheduled maintenance: Database upgrade", postgres.Reason);
        Assert.Equal(ComponentState.Operational, snapshot.Overall.State);
        Assert.Equal("Scheduled maintenance in progress: PostgreSQL", snapshot.Overall.Reason);
    }

    [Fact]
    public void UpcomingMaintenance_DoesNotChangeTheState()
    {
        var window = new MaintenanceView(1, "Later", ["all"], Samples.Now.AddHours(1), Samples.Now.AddHours(2), Active: false);
        var snapshot = Samples.Snapshot([Samples.Status(Catalog.Api, ComponentState.Operational)], maintenance: [window]);
        Assert.Equal(ComponentState.Operational, snapshot.Find(Catalog.Api)!.Status.State);
    }

    [Fact]
    public void OpenCriticalIncident_DegradesTheOverallState_AndIsLinkedToItsComponent()
    {
        var snapshot = Samples.Snapshot([Samples.Status(Catalog.Api, ComponentState.Operational)], incidents: [Samples.Incident(7, "High error ratio")]);
        Assert.Equal(ComponentState.Degraded, snapshot.Overall.State);
        Assert.Equal("Open incident: High error ratio", snapshot.Overall.Reason);
        Assert.Equal([7], snapshot.Find(Catalog.Api)!.OpenIncidentIds);
    }

    [Fact]
    public void OpenWarningIncident_OnlyShowsTheBanner()
    {
        var snapshot = Samples.Snapshot([Samples.Status(Catalog.Api, ComponentState.Operational)], incidents: [Samples.Incident(7, "Certificate expires soon", severity: "warning")]);
        Assert.Equal(ComponentState.Operational, snapshot.Overall.State);
        Assert.Single(snapshot.OpenIncidents);
    }

    [Fact]
    public void LateWatchdogHeartbeat_DegradesAlertmanager()
    {
        var live = new LiveState(new HashSet<string> { Catalog.Alertmanager },
            new Dictionary<string, ComponentStatus> { [Catalog.Alertmanager] = Samples.Status(Catalog.Alertmanager, ComponentState.Operational) },
            Samples.Now.AddMinutes(-12));
        var snapshot = SnapshotBuilder.Build(live, [], [], null, Samples.Now);
        var alertmanager = snapshot.Find(Catalog.Alertmanager)!.Status;
        Assert.Equal((ComponentState.Degraded, "no heartbeat for 12 min"), (alertmanager.State, alertmanager.Reason));
        Assert.False(snapshot.HistoryAvailable);
    }

    [Fact]
    public void BeforeTheFirstChecks_TheOverallStateSaysSo()
    {
        var live = new LiveState(new HashSet<string> { Catalog.Api }, new Dictionary<string, ComponentStatus>(), null);
        var snapshot = SnapshotBuilder.Build(live, [], [], new Dictionary<string, ComponentHistory>(), Samples.Now);
        Assert.Equal(ComponentState.Unknown, snapshot.Overall.State);
        Assert.Equal("Checking…", snapshot.Overall.Headline);
    }

    [Theory]
    [InlineData(1000, 1000, 0, ComponentState.Operational)]
    [InlineData(1000, 960, 0, ComponentState.Degraded)]
    [InlineData(1000, 500, 0, ComponentState.Outage)]
    [InlineData(100, 0, 100, ComponentState.Maintenance)]
    [InlineData(0, 0, 0, ComponentState.Unknown)]
    public void DayBar_StateFollowsItsUptime_MaintenanceExcluded(int total, int operational, int maintenance, ComponentState expected)
    {
        Assert.Equal(expected, new DayBar(new DateOnly(2026, 3, 14), new UptimeWindow(86400, operational, total - operational - maintenance, maintenance)).State);
    }
}
