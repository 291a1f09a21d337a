using Aicq.StatusPage.Statuspage;

namespace Aicq.StatusPage.Tests.Statuspage;

public sealed class StatuspageMappingTests
{
    [Theory]
    [InlineData(ComponentState.Operational, "operational")]
    [InlineData(ComponentState.Degraded, "degraded_performance")]
    [InlineData(ComponentState.Outage, "major_outage")]
    [InlineData(ComponentState.Maintenance, "under_maintenance")]
    [InlineData(ComponentState.Unknown, "degraded_performance")]
    public void ComponentStates_MapToStatuspageStatuses(ComponentState state, string expected)
    {
        Assert.Equal(expected, StatuspageMapping.ComponentStatusOf(state));
    }

    [Fact]
    public void Indicator_FollowsTheHeadline()
    {
        Assert.Equal("none", StatuspageMapping.Status(Samples.AllOperational()).Indicator);
        var redisDown = Samples.Snapshot([Samples.Status(Catalog.Api, ComponentState.Operational), Samples.Status(Catalog.Redis, ComponentState.Outage)]);
        Assert.Equal(("major", "Partial System Outage"), (StatuspageMapping.Status(redisDown).Indicator, StatuspageMapping.Status(redisDown).Description));
        var slow = Samples.Snapshot([Samples.Status(Catalog.Api, ComponentState.Degraded)]);
        Assert.Equal("minor", StatuspageMapping.Status(slow).Indicator);
        var apiDown = Samples.Snapshot([Samples.Status(Catalog.Api, ComponentState.Outage)]);
        Assert.Equal("critical", StatuspageMapping.Status(apiDown).Indicator);
    }

    [Fact]
    public void IncidentStatus_FollowsItsTimeline_NewestUpdateFirst()
    {
        var incident = Samples.Incident(7, "Redis was down", Catalog.Redis, severity: "warning", open: false);
        var snapshot = Samples.Snapshot([Samples.Status(Catalog.Redis, ComponentState.Operational)], incidents: [incident]);
        var mapped = StatuspageMapping.Incidents(snapshot, new Uri("https://status.aicq.example/"), unresolvedOnly: false).Single();
        Assert.Equal(("resolved", "minor", "https://status.aicq.example/#incident-7"), (mapped.Status, mapped.Impact, mapped.Shortlink));
        Assert.Equal(["resolved", "investigating"], mapped.IncidentUpdates.Select(u => u.Status));
        Assert.Equal("redis", mapped.Components.Single().Id);
        Assert.Empty(StatuspageMapping.Incidents(snapshot, new Uri("https://status.aicq.example/"), unresolvedOnly: true));
    }
}
