namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>Redis going away: the edge limits in memory (never unlimited, never an outage) and says so; the API answers as the API does.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class RedisFallbackTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task RedisDown_LimitsFallBackToMemory_AndReturnToRedisWhenItIsBack()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var api = await ApiProcess.StartAsync(appliance.DatabaseUrl, redis.Url);
        await using var edge = await EdgeProcess.StartAsync(appliance.Tls, [api.BaseUrl], redis.Url + "/1",
            new Dictionary<string, string?> { ["RATE_LIMIT_OVERRIDES"] = "who=5/1m" });
        Assert.Equal(0, await edge.MetricAsync("aicq_ratelimit_fallback_active"));

        await redis.StopAsync();
        using var client = edge.Client(ClientAddresses.Next());
        for (var i = 1; i <= 5; i++)
        {
            using var response = await client.GetAsync($"/who/{Guid.NewGuid()}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(5 - i, Expect.RateLimit(response).Remaining);
        }
        using (var refused = await client.GetAsync($"/who/{Guid.NewGuid()}"))
            await Expect.TooManyAsync(refused, 5, TimeSpan.FromMinutes(1));
        Assert.Equal(1, await edge.MetricAsync("aicq_ratelimit_fallback_active"));
        Assert.True(edge.Logged("ratelimit_fallback_active"));

        // The API itself: what needs Redis is a fast 503 in the error shape, and /health says degraded.
        using (var room = await client.GetAsync($"/room/{Requests.GlobalRoom}"))
            await Expect.ErrorAsync(room, HttpStatusCode.ServiceUnavailable);
        using (var health = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("degraded", await health.Content.ReadAsStringAsync());
        }

        await redis.StartAgainAsync();
        // The probe pings every 2 s, but the Redis client's own reconnect backs off; the bound leaves room for a
        // loaded machine (a run beside four builds took over 10 s). The promise is the return, not its speed.
        Assert.True(await edge.MetricReachesAsync(0, TimeSpan.FromSeconds(30), "aicq_ratelimit_fallback_active"));
        Assert.True(edge.Logged("ratelimit_fallback_ended"));
    }
}
