namespace Aicq.StatusPage.Tests.State;

public sealed class FreshnessTests
{
    private static readonly Freshness Every30s = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(50));

    private static StatusSnapshot At(TimeSpan checkAge, params string[] keys) => SnapshotBuilder.Build(
        Samples.Live([.. keys.Select(k => Samples.Status(k, ComponentState.Operational))]), [], [], null, Samples.Now + checkAge, Every30s);

    [Fact]
    public void CheckWithinThreeIntervals_KeepsItsState()
    {
        var snapshot = At(TimeSpan.FromSeconds(95), Catalog.Api);
        Assert.Equal(ComponentState.Operational, snapshot.Find(Catalog.Api)!.Status.State);
        Assert.False(snapshot.Find(Catalog.Api)!.Status.Stale);
        Assert.Equal(ComponentState.Operational, snapshot.Overall.State);
    }

    [Fact]
    public void CheckOlderThanThreeIntervals_IsUnknown_SaysWhy_AndTheHeadlineIsNotGreen()
    {
        var snapshot = At(TimeSpan.FromMinutes(2), Catalog.Api, Catalog.Canary);
        var api = snapshot.Find(Catalog.Api)!.Status;
        Assert.Equal((ComponentState.Unknown, true), (api.State, api.Stale));
        Assert.Equal("No check for 2 min (checked every 30 s); the prober may be stalled", api.Reason);
        Assert.Equal(Samples.Now, api.CheckedAt);
        // The synthetic agent may take every step's timeout on top: 3 × 30 s + 50 s.
        Assert.Equal(ComponentState.Operational, snapshot.Find(Catalog.Canary)!.Status.State);
        Assert.Equal((ComponentState.Unknown, "Status unknown"), (snapshot.Overall.State, snapshot.Overall.Headline));
        Assert.Contains("AICQ API", snapshot.Overall.Reason);
    }

    [Fact]
    public void ShortIntervals_AreJudgedOverAtLeastTheFloor()
    {
        var every2s = new Freshness(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(50));
        var status = Samples.Status(Catalog.Api, ComponentState.Operational);
        Assert.Equal(ComponentState.Operational, every2s.Apply(status, Samples.Now + Freshness.Floor).State);
        Assert.Equal(ComponentState.Unknown, every2s.Apply(status, Samples.Now + Freshness.Floor + TimeSpan.FromSeconds(1)).State);
    }

    [Fact]
    public void StaleSyntheticAgent_SaysTheAgentMayBeStalled()
    {
        var canary = At(TimeSpan.FromMinutes(3), Catalog.Canary).Find(Catalog.Canary)!.Status;
        Assert.Equal(ComponentState.Unknown, canary.State);
        Assert.EndsWith("the synthetic agent may be stalled", canary.Reason);
    }

    [Fact]
    public void AnOutageWithStaleChecks_IsStillReportedAsTheWorseProblemFirst()
    {
        var live = Samples.Live(Samples.Status(Catalog.Api, ComponentState.Operational), Samples.Status(Catalog.Redis, ComponentState.Outage) with { CheckedAt = Samples.Now.AddMinutes(5) });
        var snapshot = SnapshotBuilder.Build(live, [], [], null, Samples.Now.AddMinutes(5), Every30s);
        Assert.Equal(ComponentState.Degraded, snapshot.Overall.State);
    }
}
