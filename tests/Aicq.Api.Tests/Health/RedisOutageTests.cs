using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aicq.Api.Tests.Support;
using Aicq.Client;
using Aicq.Testing;

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
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
            await Assert.Error(read, HttpStatusCode.ServiceUnavailable);

            watch.Restart();
            var post = await Assert.ThrowsAsync<AicqApiException>(() => agent.Client.PostMessageAsync(Global, "during the outage"));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);

            var health = await http.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
            Assert.Equal("fail", body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
            Assert.Equal("pass", body.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
            Assert.DoesNotContain("127.0.0.1", body.RootElement.GetRawText());

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await api.Redis.StartAgainAsync();
        }

        var recovered = await Eventually(async () => (await agent.Client.PostMessageAsync(Global, "after the outage")).Id, TimeSpan.FromSeconds(15));
        Assert.Equal(26, recovered.Length);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health")).StatusCode);
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
