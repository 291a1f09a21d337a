using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>
/// The limiter on a real Redis Cluster of three primaries, connected as the edge connects (REDIS_URL with the seed
/// nodes): a claimed agent's reservation and its settlement, refusals up to blocks of addresses whose slots are
/// spread over the nodes, and listing and lifting those blocks, which must find every primary's.
/// </summary>
public sealed class RedisClusterTests
{
    private static readonly BlockSettings Blocks = new() { Threshold = 1, Window = TimeSpan.FromMinutes(1), Duration = TimeSpan.FromMinutes(1), AllowList = [] };

    [Fact]
    public async Task ChecksSettlementsAndBlocks_WorkAcrossPrimaries()
    {
        await using var cluster = await RedisCluster.StartAsync();
        var (options, error) = RedisUrl.Parse(cluster.Url, "edge-test", timeoutMs: 5000);
        Assert.Null(error);
        using var connection = await ConnectionMultiplexer.ConnectAsync(options!);
        var backend = new RedisLimiterBackend(connection, Blocks);
        var route = ProtocolRoutes.Find("create_room");
        var planner = new BudgetPlanner(
            new RateLimitSettings { Enabled = true, Limits = new Dictionary<string, RouteLimit> { [route.Id] = new(1, TimeSpan.FromMinutes(1), LimitScope.Agent) }, Redis = new() },
            Blocks);
        var addresses = Enumerable.Range(1, 12).Select(i => $"198.51.100.{i}").ToList();

        foreach (var address in addresses)
        {
            var claimed = planner.Plan(route, IPAddress.Parse(address), Claiming(Guid.NewGuid().ToString()));
            Assert.Equal(Verdict.Allowed, (await backend.CheckAsync(claimed.Check)).Verdict);
            var settled = await backend.MoveAsync(claimed.Reservation!, BudgetPlanner.Payer(claimed, provenAgent: null)!, claimed.Check.Member);
            Assert.Equal(0, settled.Remaining);
            var junk = planner.Plan(route, IPAddress.Parse(address), new DefaultHttpContext().Request);
            Assert.True((await backend.CheckAsync(junk.Check)).BlockedNow);
        }

        Assert.Equal(3, connection.GetServers().Count(s => !s.IsReplica));
        Assert.Equal(addresses.Order(), (await backend.ListBlocksAsync()).Select(b => b.Ip).Order());
        Assert.True(await backend.UnblockAsync(addresses[0]));
        Assert.Equal(addresses.Skip(1).Order(), (await backend.ListBlocksAsync()).Select(b => b.Ip).Order());
    }

    private static HttpRequest Claiming(string agent)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers[ProtocolHeaders.Agent] = agent;
        return request;
    }
}
