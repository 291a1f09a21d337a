using System.Diagnostics;
using System.Net;
using Aicq.Api.Tests.Support;
using Aicq.Client;

namespace Aicq.Api.Tests.Health;

/// <summary>
/// A Redis that hangs (SIGSTOP: the connection stays open, nothing answers) costs one command timeout, not one per
/// request: after the first timeout Redis work fails at once, and the first ping that gets through ends it.
/// </summary>
public sealed class RedisHangTests(OwnRedisApiFactory api) : IClassFixture<OwnRedisApiFactory>
{
    private static readonly Guid Global = new("00000000-0000-0000-0000-000000000001");

    // Far below the 1 s command timeout, far above what answering 503 at once costs.
    private static readonly TimeSpan AtOnce = TimeSpan.FromMilliseconds(300);

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
        }
        finally
        {
            await api.Redis.ResumeAsync();
        }

        // The probe pings every 250 ms; the first answer closes the circuit.
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            await Task.Delay(100);
            status = (await http.GetAsync($"/room/{Global}")).StatusCode;
        }
        while (status != HttpStatusCode.OK && deadline.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(26, (await agent.Client.PostMessageAsync(Global, "after the hang")).Id.Length);
    }
}
