namespace Aicq.StatusPage.Tests.History;

/// <summary>Which check cycles close a gap, and what counts as evidence of an outage next to it.</summary>
public sealed class CheckGapsTests
{
    private static readonly TimeSpan GapAfter = TimeSpan.FromSeconds(90);
    private static readonly DateTimeOffset Before = Samples.Now.AddMinutes(-10);

    [Fact]
    public void PublicPathComponent_UncheckedForLongerThanTheThreshold_IsAGap()
    {
        var gap = Assert.Single(CheckGaps.Find(Last((Catalog.Api, ComponentState.Outage)), [Samples.Status(Catalog.Api, ComponentState.Operational)],
            Samples.Now, GapAfter));
        Assert.Equal(new CheckGap(Catalog.Api, Before, Samples.Now, ComponentState.Outage, ComponentState.Operational), gap);
        Assert.True(gap.HasOutageEvidence);
    }

    [Fact]
    public void ChecksWithinTheThreshold_AreNoGap()
    {
        var last = new Dictionary<string, (DateTimeOffset, ComponentState)> { [Catalog.Api] = (Samples.Now - GapAfter, ComponentState.Outage) };
        Assert.Empty(CheckGaps.Find(last, [Samples.Status(Catalog.Api, ComponentState.Outage)], Samples.Now, GapAfter));
    }

    [Fact]
    public void ComponentsOffThePublicPath_NeverCheckedBefore_OrNotCheckedNow_AreNoGap()
    {
        var last = Last((Catalog.Redis, ComponentState.Outage), (Catalog.Canary, ComponentState.Outage));
        var current = new[]
        {
            Samples.Status(Catalog.Redis, ComponentState.Outage),
            Samples.Status(Catalog.Edge, ComponentState.Outage),
            ComponentStatus.Waiting(Catalog.Canary),
        };
        Assert.Empty(CheckGaps.Find(last, current, Samples.Now, GapAfter));
    }

    [Theory]
    [InlineData(ComponentState.Operational, ComponentState.Operational, false)]
    [InlineData(ComponentState.Degraded, ComponentState.Maintenance, false)]
    [InlineData(ComponentState.Outage, ComponentState.Degraded, true)]
    [InlineData(ComponentState.Operational, ComponentState.Outage, true)]
    [InlineData(ComponentState.Outage, ComponentState.Outage, true)]
    public void OnlyAnOutageNextToTheGap_IsEvidence(ComponentState before, ComponentState after, bool evidence)
    {
        Assert.Equal(evidence, new CheckGap(Catalog.Canary, Before, Samples.Now, before, after).HasOutageEvidence);
    }

    private static Dictionary<string, (DateTimeOffset At, ComponentState State)> Last(params (string Key, ComponentState State)[] checks) =>
        checks.ToDictionary(c => c.Key, c => (Before, c.State));
}
