using Aicq.Edge.RateLimiting;

namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>The in-memory fallback decides exactly as the Redis script does: same budgets, violations and blocks.</summary>
public sealed class MemoryLimiterBackendTests
{
    private readonly ManualClock _clock = new();
    private readonly MemoryLimiterBackend _memory;

    public MemoryLimiterBackendTests() =>
        _memory = new MemoryLimiterBackend(new BlockSettings { Threshold = 3, Window = TimeSpan.FromMinutes(1), Duration = TimeSpan.FromSeconds(30), AllowList = [] }, _clock);

    [Fact]
    public async Task Budget_AllowsItsLimit_ThenRefuses_UntilTheOldestRequestLeavesTheWindow()
    {
        var check = Check("1.2.3.4", charge: true);
        for (var i = 1; i <= 2; i++)
        {
            var allowed = await _memory.CheckAsync(check);
            Assert.Equal(Verdict.Allowed, allowed.Verdict);
            Assert.Equal(2 - i, allowed.States[0].Remaining);
            _clock.Advance(TimeSpan.FromSeconds(4));
        }
        var refused = await _memory.CheckAsync(check);
        Assert.Equal(Verdict.Limited, refused.Verdict);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.States[0].ResetIn);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(Verdict.Allowed, (await _memory.CheckAsync(check)).Verdict);
    }

    [Fact]
    public async Task Peeks_NeverSpendABudget()
    {
        for (var i = 0; i < 5; i++) Assert.Equal(Verdict.Allowed, (await _memory.CheckAsync(Check("1.2.3.5", charge: false))).Verdict);
        Assert.Equal(2, (await _memory.CheckAsync(Check("1.2.3.5", charge: false))).States[0].Remaining);
    }

    [Fact]
    public async Task Violations_BlockTheAddressAtTheThreshold_ForTheBlockDuration()
    {
        var check = Check("1.2.3.6", charge: true);
        await _memory.CheckAsync(check);
        await _memory.CheckAsync(check);
        Assert.False((await _memory.CheckAsync(check)).BlockedNow);
        Assert.False((await _memory.CheckAsync(check)).BlockedNow);
        Assert.True((await _memory.CheckAsync(check)).BlockedNow);
        Assert.Equal(Verdict.Blocked, (await _memory.CheckAsync(new LimitCheck("1.2.3.6", false, []))).Verdict);
        Assert.Single(await _memory.ListBlocksAsync());

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(Verdict.Allowed, (await _memory.CheckAsync(new LimitCheck("1.2.3.6", false, []))).Verdict);
        Assert.Empty(await _memory.ListBlocksAsync());
    }

    [Fact]
    public async Task ExemptAddress_CollectsNoViolations()
    {
        var check = Check("1.2.3.7", charge: true) with { Exempt = true };
        for (var i = 0; i < 10; i++) Assert.False((await _memory.CheckAsync(check)).BlockedNow);
        Assert.Empty(await _memory.ListBlocksAsync());
    }

    private static LimitCheck Check(string ip, bool charge) =>
        new(ip, false, [new Bucket($"find:ip:{ip}", 2, TimeSpan.FromSeconds(10), charge, "ip")]);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch.AddDays(20_000);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
