using Microsoft.Extensions.Time.Testing;

namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>The in-memory fallback decides exactly as the Redis script does: same budgets, violations and blocks.</summary>
public sealed class MemoryLimiterBackendTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch.AddDays(20_000));
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

    [Fact]
    public async Task ConcurrentClaimsOfOneAgent_ReserveExactlyTheLimit()
    {
        var route = ProtocolRoutes.Find("create_room");
        var planner = new BudgetPlanner(
            new RateLimitSettings { Enabled = true, Limits = new Dictionary<string, RouteLimit> { [route.Id] = route.Limit! }, Redis = new() },
            new BlockSettings { Threshold = 1000, Window = TimeSpan.FromMinutes(1), Duration = TimeSpan.FromSeconds(30), AllowList = [] });
        var agent = Guid.NewGuid().ToString();
        var plans = Enumerable.Range(0, 100).Select(i => planner.Plan(route, IPAddress.Parse($"10.0.0.{1 + i % 4}"), Claiming(agent))).ToList();

        var results = await Task.WhenAll(plans.Select(plan => Task.Run(() => _memory.CheckAsync(plan.Check))));

        Assert.Equal(10, results.Count(r => r.Verdict == Verdict.Allowed));
    }

    [Fact]
    public async Task Move_TakesTheReservationOffOneBudget_AndChargesAnother()
    {
        var agent = new Bucket("post_message:agent:a", 2, TimeSpan.FromSeconds(10), Charge: true, "agent");
        var ip = new Bucket("post_message:ip:1.2.3.8", 2, TimeSpan.FromSeconds(10), Charge: false, "ip");
        var check = new LimitCheck("1.2.3.8", false, [agent, ip]);
        Assert.Equal(1, (await _memory.CheckAsync(check)).States[0].Remaining);

        var moved = await _memory.MoveAsync(agent, ip with { Charge = true }, check.Member);

        Assert.Equal(1, moved.Remaining);
        var after = await _memory.CheckAsync(check with { Buckets = [agent with { Charge = false }, ip] });
        Assert.Equal((2, 1), (after.States[0].Remaining, after.States[1].Remaining));
    }

    private static HttpRequest Claiming(string agent)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers[ProtocolHeaders.Agent] = agent;
        return request;
    }

    private static LimitCheck Check(string ip, bool charge) =>
        new(ip, false, [new Bucket($"find:ip:{ip}", 2, TimeSpan.FromSeconds(10), charge, "ip")]);
}
