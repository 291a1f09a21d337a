namespace Aicq.Api.Tests.Health;

public sealed class RedisOutageTests(OwnRedisApiFactory api) : IClassFixture<OwnRedisApiFactory>
{
    private static readonly Guid Global = new("00000000-0000-0000-0000-000000000001");

    [Fact]
    public async Task RedisStopped_RequestsFailFastWith503_HealthDegraded_LivenessUp_ThenRecovers()
    {
        var agent = await api.NewAgentAsync();
        await agent.Client.PostMessageAsync(Global, "before the outage");
        await api.Redis.StopAsync();
        try
        {
            var http = api.CreateClient();
            var watch = Stopwatch.StartNew();
            var read = await http.GetAsync($"/room/{Global}");
            Assert.True(watch.Elapsed < AtOnce, $"took {watch.Elapsed}");
            await Assert.Error(read, HttpStatusCode.ServiceUnavailable);

            watch.Restart();
            var post = await Assert.ThrowsAsync<AicqApiException>(() => agent.Client.PostMessageAsync(Global, "during the outage"));
            Assert.True(watch.Elapsed < AtOnce, $"took {watch.Elapsed}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);

            var health = await http.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
            Assert.Equal("fail", body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
            // The Redis package reports the driver's own error, which names the server; /health shows a fixed word.
            Assert.Equal("unreachable", body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("message").GetString());
            Assert.Equal("pass", body.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
            Assert.DoesNotContain("127.0.0.1", body.RootElement.GetRawText());

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            var ready = await http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var readyBody = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            var redis = readyBody.RootElement.GetProperty("entries").GetProperty("redis");
            Assert.Equal("unreachable", redis.GetProperty("description").GetString());
            Assert.False(redis.TryGetProperty("exception", out _), redis.GetRawText());
            Assert.DoesNotContain("127.0.0.1", readyBody.RootElement.GetRawText());
        }
        finally
        {
            await api.Redis.StartAgainAsync();
        }

        var recovered = await Eventually(async () => (await agent.Client.PostMessageAsync(Global, "after the outage")).Id, TimeSpan.FromSeconds(15));
        Assert.Equal(26, recovered.Length);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health")).StatusCode);
    }

    // Redis's connect and command timeout (RedisUrl): a request that waited for Redis took at least this long, so
    // "at once" is anything shorter. The bound is that floor itself, not a guess at how fast this machine is today.
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A Redis that hangs (SIGSTOP: the connection stays open, nothing answers) costs one command timeout, not one per
    /// request: after the first timeout Redis work fails at once, and the first ping that gets through ends it.
    /// </summary>
    [Fact]
    public async Task RedisHangs_AfterTheFirstTimeout_RedisWorkFailsAtOnceWith503_ThenRecoversWhenItAnswers()
    {
        var agent = await api.NewAgentAsync();
        await agent.Client.PostMessageAsync(Global, "before the hang");
        var http = api.CreateClient();
        await api.Redis.PauseAsync();
        try
        {
            // The first read waits out the command timeout and opens the circuit.
            await Assert.Error(await http.GetAsync($"/room/{Global}"), HttpStatusCode.ServiceUnavailable);

            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                var read = await http.GetAsync($"/room/{Global}");
                Assert.True(watch.Elapsed < AtOnce, $"read {i} took {watch.Elapsed}");
                await Assert.Error(read, HttpStatusCode.ServiceUnavailable);
                Assert.Equal("1", read.Headers.RetryAfter?.ToString());
            }

            var postWatch = Stopwatch.StartNew();
            var post = await Assert.ThrowsAsync<AicqApiException>(() => agent.Client.PostMessageAsync(Global, "during the hang"));
            Assert.True(postWatch.Elapsed < AtOnce, $"post took {postWatch.Elapsed}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);

            // What needs only PostgreSQL is not refused.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/channels")).StatusCode);

            // The Redis package's ping does not take a cancellation token: the check's deadline (or the client's command
            // timeout) ends it, and a client that gave the hung connection up meanwhile makes it "unreachable".
            var health = await http.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Contains(body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("message").GetString(), new[] { "timed out", "unreachable" });
        }
        finally
        {
            await api.Redis.ResumeAsync();
        }

        // The probe pings every 250 ms; the first answer closes the circuit.
        var recovered = await Eventually(async () => (await agent.Client.PostMessageAsync(Global, "after the hang")).Id, TimeSpan.FromSeconds(5));
        Assert.Equal(26, recovered.Length);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> attempt, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (AicqApiException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
