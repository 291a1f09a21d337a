namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>
/// Redis Cluster runs a MULTI or a script only when all its keys are in one hash slot (else CROSSSLOT). The limiter's
/// every decision (an address's budget, a claimed agent's reservation, refusals up to a block, a settlement, listing
/// and lifting blocks) runs on the planner's real buckets against a real Redis, whose MONITOR log names each atomic
/// unit and the keys it touched, commands inside scripts included: each stays within one slot and declares its keys.
/// </summary>
public sealed class ClusterSlotTests
{
    private static readonly BlockSettings Blocks = new() { Threshold = 2, Window = TimeSpan.FromMinutes(1), Duration = TimeSpan.FromMinutes(1), AllowList = [] };

    [Fact]
    public async Task EveryScriptAndTransaction_TouchesOneSlot()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        var backend = new RedisLimiterBackend(connection, Blocks);
        var route = ProtocolRoutes.Find("create_room");
        var planner = new BudgetPlanner(
            new RateLimitSettings { Enabled = true, Limits = new Dictionary<string, RouteLimit> { [route.Id] = new(1, TimeSpan.FromMinutes(1), LimitScope.Agent) }, Redis = new() },
            Blocks);
        var client = IPAddress.Parse("192.0.2.10");
        var claimed = planner.Plan(route, client, Claiming(Guid.NewGuid().ToString()));
        var unclaimed = planner.Plan(route, client, new DefaultHttpContext().Request);
        await using var log = await RedisCommandLog.StartAsync(redis);

        Assert.Equal(Verdict.Allowed, (await backend.CheckAsync(claimed.Check)).Verdict);
        await backend.MoveAsync(claimed.Reservation!, BudgetPlanner.Payer(claimed, provenAgent: null)!, claimed.Check.Member);
        Assert.Equal(Verdict.Limited, (await backend.CheckAsync(unclaimed.Check with { Member = "m1" })).Verdict);
        var again = planner.Plan(route, IPAddress.Parse("192.0.2.11"), Claiming(Guid.NewGuid().ToString()));
        Assert.Equal(Verdict.Allowed, (await backend.CheckAsync(again.Check)).Verdict);
        Assert.True((await backend.CheckAsync(again.Check with { Member = "m2" })).BlockedNow is false);
        Assert.True((await backend.CheckAsync(unclaimed.Check with { Member = "m3" })).BlockedNow);
        Assert.Equal("192.0.2.10", Assert.Single(await backend.ListBlocksAsync()).Ip);
        Assert.True(await backend.UnblockAsync("192.0.2.10"));

        var operations = await log.OperationsAsync();

        Assert.Contains(operations, o => o.Keys.Count(k => k.Contains(":block:", StringComparison.Ordinal) || k.Contains(":violations:", StringComparison.Ordinal)) == 2);
        Assert.Contains(operations, o => o.Keys.Any(k => k.Contains(":agent:", StringComparison.Ordinal)));
        Assert.All(operations, o => Assert.True(o.Slots.Count <= 1, $"crosses slots: {o}"));
        Assert.All(operations, o => Assert.True(o.Undeclared.Count == 0, $"a script touches keys it does not declare: {o}"));
    }

    private static HttpRequest Claiming(string agent)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers[ProtocolHeaders.Agent] = agent;
        return request;
    }
}
