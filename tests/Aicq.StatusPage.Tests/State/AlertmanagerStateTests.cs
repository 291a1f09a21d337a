namespace Aicq.StatusPage.Tests.State;

public sealed class AlertmanagerStateTests
{
    [Fact]
    public void Alertmanager_HealthyWithoutOnCallIntegration_IsDegraded_NoOnCallReceiverConfigured()
    {
        var status = StateRules.Alertmanager(Samples.Plain(200), onCallIntegrations: 0, Samples.Slow, Samples.Now);
        Assert.Equal((ComponentState.Degraded, "no on-call receiver configured"), (status.State, status.Reason));
    }

    [Fact]
    public void Alertmanager_HealthyWithAnOnCallIntegration_IsOperational()
    {
        var status = StateRules.Alertmanager(Samples.Plain(200), onCallIntegrations: 1, Samples.Slow, Samples.Now);
        Assert.Equal((ComponentState.Operational, null), (status.State, status.Reason));
    }

    [Fact]
    public void Alertmanager_WhoseConfigurationCannotBeRead_IsDegraded()
    {
        var status = StateRules.Alertmanager(Samples.Plain(200), onCallIntegrations: null, Samples.Slow, Samples.Now);
        Assert.Equal((ComponentState.Degraded, "its configuration could not be read"), (status.State, status.Reason));
    }

    [Fact]
    public void Alertmanager_NotAnswering_IsAnOutage_WhateverItsReceivers()
    {
        var status = StateRules.Alertmanager(ProbeObservation.Unreachable("connection refused"), onCallIntegrations: null, Samples.Slow, Samples.Now);
        Assert.Equal((ComponentState.Outage, "connection refused"), (status.State, status.Reason));
    }
}
