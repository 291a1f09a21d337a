namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>
/// Issue 12, finding 1, as Redis Cluster allows it (issue 16): a signed request costs the edge one script call per
/// cluster slot it decides in, the address's and the agent's (two, never a look-then-charge per slot); only the rare
/// request whose claim the API does not prove pays a third, to charge its address (after a MULTI that takes the
/// reservation off the agent). Counted by Redis itself (INFO commandstats) on a Redis of the edge's own.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class RedisRoundTripTests(ApplianceFixture appliance)
{
    private const int PerKind = 10;

    [Fact]
    public async Task SignedRequests_CostOneScriptCallPerSlot_UnprovenClaimsOneMore()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var edge = await EdgeProcess.StartAsync(appliance.Tls, [appliance.Api1.BaseUrl], redis.Url);
        using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},allowAdmin=true");
        var server = admin.GetServer("127.0.0.1", redis.Port);
        var agent = await appliance.NewAgentAsync();
        using var signed = edge.Signed(agent, ClientAddresses.Next());
        using var unsigned = edge.Client(ClientAddresses.Next());
        var path = $"/room/{Requests.GlobalRoom}";
        // Warm-up: the first call of each script sends it in full (NOSCRIPT, then EVAL).
        using (var warm = await signed.SendAsync(Requests.Post(path, "{\"body\":\"warm\"}"))) Assert.Equal(HttpStatusCode.Created, warm.StatusCode);
        using (var warm = await unsigned.SendAsync(Requests.Forged(Requests.Post(path, "{\"body\":\"warm\"}"), agent.AgentId))) Assert.Equal(HttpStatusCode.Unauthorized, warm.StatusCode);

        await server.ConfigResetStatisticsAsync();
        for (var i = 0; i < PerKind; i++)
        {
            using var response = await signed.SendAsync(Requests.Post(path, $"{{\"body\":\"counted {i}\"}}"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        Assert.Equal(2 * PerKind, await ScriptCallsAsync(server));

        await server.ConfigResetStatisticsAsync();
        for (var i = 0; i < PerKind; i++)
        {
            using var response = await unsigned.SendAsync(Requests.Forged(Requests.Post(path, "{\"body\":\"junk\"}"), agent.AgentId));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Equal(3 * PerKind, await ScriptCallsAsync(server));
    }

    /// <summary>EVAL and EVALSHA calls since the last reset: the edge's every limiter decision is one script call.</summary>
    private static async Task<long> ScriptCallsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(group => group).ToDictionary(p => p.Key, p => p.Value);
        return Calls(stats, "cmdstat_evalsha") + Calls(stats, "cmdstat_eval");
    }

    private static long Calls(Dictionary<string, string> stats, string command) =>
        stats.TryGetValue(command, out var value) ? long.Parse(value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture) : 0;
}
