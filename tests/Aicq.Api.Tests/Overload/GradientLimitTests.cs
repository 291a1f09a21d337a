namespace Aicq.Api.Tests.Overload;

/// <summary>The adaptive limit on made-up service times: it shrinks when latency climbs, and only then.</summary>
public sealed class GradientLimitTests
{
    [Fact]
    public void FlatLatency_AtTheLimit_StaysAtMax()
    {
        var limit = new GradientLimit(4, 64);
        Feed(limit, windows: 200, TimeSpan.FromMilliseconds(2), inFlight: 64);
        Assert.Equal(64, limit.Current);
    }

    [Fact]
    public void LatencyClimbing_UnderFullUse_ShrinksTheLimitTowardsMin()
    {
        var limit = new GradientLimit(4, 64);
        Feed(limit, windows: 50, TimeSpan.FromMilliseconds(2), inFlight: 64);
        // Each window slower than the last: more concurrency is only adding queueing.
        for (var i = 1; i <= 50; i++) Feed(limit, windows: 1, TimeSpan.FromMilliseconds(2 * Math.Pow(1.2, i)), inFlight: limit.Current);
        Assert.InRange(limit.Current, 4, 16);
    }

    [Fact]
    public void ShrunkLimit_RecoversWhenLatencyFallsBack()
    {
        var limit = new GradientLimit(4, 64);
        Feed(limit, windows: 50, TimeSpan.FromMilliseconds(2), inFlight: 64);
        for (var i = 1; i <= 50; i++) Feed(limit, windows: 1, TimeSpan.FromMilliseconds(2 * Math.Pow(1.2, i)), inFlight: limit.Current);
        var shrunk = limit.Current;
        for (var i = 0; i < 300; i++) Feed(limit, windows: 1, TimeSpan.FromMilliseconds(2), inFlight: limit.Current);
        Assert.True(limit.Current > shrunk * 2, $"stayed at {limit.Current} after shrinking to {shrunk}");
    }

    [Fact]
    public void IdleInstance_SlowRequests_DoNotMoveTheLimit()
    {
        var limit = new GradientLimit(4, 64);
        Feed(limit, windows: 50, TimeSpan.FromMilliseconds(2), inFlight: 64);
        // Slow answers at low concurrency are the dependency's latency, not this instance's queue.
        Feed(limit, windows: 50, TimeSpan.FromMilliseconds(200), inFlight: 3);
        Assert.Equal(64, limit.Current);
    }

    [Fact]
    public void EqualBounds_AreAFixedLimit()
    {
        var limit = new GradientLimit(8, 8);
        Feed(limit, windows: 50, TimeSpan.FromSeconds(5), inFlight: 8);
        Assert.Equal(8, limit.Current);
    }

    private static void Feed(GradientLimit limit, int windows, TimeSpan serviceTime, int inFlight)
    {
        for (var i = 0; i < windows * GradientLimit.WindowSamples; i++) limit.Sample(serviceTime, inFlight);
    }
}
