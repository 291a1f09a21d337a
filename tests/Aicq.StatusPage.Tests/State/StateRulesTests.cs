using Aicq.StatusPage.Canary;

namespace Aicq.StatusPage.Tests.State;

public sealed class StateRulesTests
{
    [Fact]
    public void Direct_NothingAnswers_IsOutageWithTheFailure()
    {
        var (state, reason) = StateRules.Direct(ProbeObservation.Unreachable("connection refused"), Samples.Slow);
        Assert.Equal(ComponentState.Outage, state);
        Assert.Equal("connection refused", reason);
    }

    [Theory]
    [InlineData(200, 10, ComponentState.Operational, null)]
    [InlineData(200, 2500, ComponentState.Degraded, "slow response (2.5 s)")]
    [InlineData(503, 10, ComponentState.Degraded, "answers HTTP 503 Service Unavailable")]
    [InlineData(404, 10, ComponentState.Outage, "unexpected answer (HTTP 404 Not Found)")]
    public void Direct_JudgesByStatusAndSpeed(int status, double ms, ComponentState expected, string? reason)
    {
        Assert.Equal((expected, reason), StateRules.Direct(Samples.Plain(status, ms), Samples.Slow));
    }

    [Fact]
    public void Api_ReportingAFailingCheck_IsDegraded_AndNamesTheCheck()
    {
        var api = StateRules.Api([Samples.Api(503, 8, ("postgres", true), ("redis", false))], Samples.Slow, Samples.Now);
        Assert.Equal(ComponentState.Degraded, api.State);
        Assert.Equal("reports failing checks: redis", api.Reason);
        Assert.Equal("Instance 1", Assert.Single(api.Parts).Name);
    }

    [Fact]
    public void Api_OneOfTwoInstancesDown_IsDegraded_AllDown_IsOutage()
    {
        var one = StateRules.Api([Samples.Healthy(), ProbeObservation.Unreachable("connection refused")], Samples.Slow, Samples.Now);
        Assert.Equal((ComponentState.Degraded, "1 of 2 instances not answering"), (one.State, one.Reason));
        var all = StateRules.Api([ProbeObservation.Unreachable("timed out after 5 s"), ProbeObservation.Unreachable("connection refused")], Samples.Slow, Samples.Now);
        Assert.Equal((ComponentState.Outage, "no instance answers"), (all.State, all.Reason));
    }

    [Fact]
    public void Dependency_ReportedFailingByTheApi_IsDegraded_WithWhoSaysSo()
    {
        var instances = new[] { Samples.Api(503, 8, ("postgres", true), ("redis", false)) };
        var redis = StateRules.Dependency(Catalog.Redis, instances, Samples.Now);
        var postgres = StateRules.Dependency(Catalog.Postgres, instances, Samples.Now);
        Assert.Equal((ComponentState.Degraded, "the API reports it failing (unreachable)"), (redis.State, redis.Reason));
        Assert.Equal(ComponentState.Operational, postgres.State);
    }

    [Fact]
    public void Dependency_WithNoInstanceAnswering_IsUnknown()
    {
        var redis = StateRules.Dependency(Catalog.Redis, [ProbeObservation.Unreachable("connection refused")], Samples.Now);
        Assert.Equal(ComponentState.Unknown, redis.State);
    }

    [Fact]
    public void Edge_ForwardingTheApisDegradedAnswer_IsItselfOperational()
    {
        var edge = StateRules.Edge(Samples.Api(503, 20, ("redis", false)), Samples.Slow, Samples.Now);
        Assert.Equal(ComponentState.Operational, edge.State);
    }

    [Fact]
    public void Edge_GatewayErrorWithoutTheApisAnswer_CannotReachTheApi()
    {
        var edge = StateRules.Edge(Samples.Plain(502), Samples.Slow, Samples.Now);
        Assert.Equal((ComponentState.Degraded, "cannot reach the API behind it"), (edge.State, edge.Reason));
        Assert.Equal(ComponentState.Outage, StateRules.Edge(ProbeObservation.Unreachable("TLS handshake failed"), Samples.Slow, Samples.Now).State);
    }

    [Fact]
    public void Canary_EveryStepFailing_IsOutage_WithTheCommonReason()
    {
        var run = CanaryRun.AllFailed(Samples.Now, "HTTP 503 Service Unavailable").ToStatus();
        Assert.Equal(ComponentState.Outage, run.State);
        Assert.Equal("every step failing: HTTP 503 Service Unavailable", run.Reason);
        Assert.All(run.Parts, p => Assert.Equal("HTTP 503 Service Unavailable", p.Reason));
    }

    [Fact]
    public void Canary_OneStepFailing_IsDegraded_AndNamesTheStep()
    {
        var steps = CanarySteps.All.Select(s => new StepResult(s, s != CanarySteps.Search, 3, s == CanarySteps.Search ? "the public message was not found by search" : null)).ToList();
        var status = new CanaryRun(Samples.Now, steps).ToStatus();
        Assert.Equal(ComponentState.Degraded, status.State);
        Assert.Equal("failing: search (the public message was not found by search)", status.Reason);
        Assert.Equal(15, status.LatencyMs);
    }
}
