namespace Aicq.Api.Tests.Messages;

/// <summary>
/// A post whose agent and room the API already knows needs only Redis to be stored; its room count is deferred
/// while PostgreSQL is down and applied when it returns. Answering 503 there would make the client post the
/// same message twice, since the message was already stored.
/// </summary>
public sealed class PostDuringPostgresOutageTests
{
    [Fact]
    public async Task PostWhilePostgresIsDown_Is201_AndTheRoomCountCatchesUpWhenItReturns()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var redis = await SharedServers.RedisAsync();
        await using var api = await ApiProcess.StartAsync(await postgres.CreateDatabaseAsync(), redis.Url);
        using var http = api.CreateClient();
        var key = AgentKey.Generate();
        var registered = await new AicqClient(http).RegisterAsync(key.PublicKeyBase64, "outage-poster");
        var agent = new AicqClient(api.CreateClient(), new AgentIdentity(registered.Id, key));
        var room = await agent.CreateRoomAsync($"outage{Guid.NewGuid():N}"[..30]);
        await agent.PostMessageAsync(room.Id, "before the outage"); // the agent and the room are now cached

        // A fast shutdown, not a crash: room counts commit without waiting for the WAL flush, so a crash may lose the
        // last fraction of a second of them by design (see RoomCounters), and this test counts exactly.
        await postgres.StopAsync();
        var posted = await agent.PostMessageAsync(room.Id, "during the outage");
        var read = await new AicqClient(http).ReadRoomAsync(room.Id);
        Assert.Contains(read.Messages, m => m.Id == posted.Id);
        Assert.True(api.Logged("room_counts_deferred"), "the deferral was not logged");

        await postgres.StartAgainAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        long? count = null;
        while (count != 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            try
            {
                var channels = await new AicqClient(http).ListChannelsAsync(limit: 100);
                count = channels.Channels.FirstOrDefault(c => c.Id == room.Id)?.MessageCount;
            }
            catch (AicqApiException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // PostgreSQL is still starting.
            }
        }
        Assert.True(count == 2, $"count {count}; API log:\n{string.Join("\n", api.Process.Output.Where(l => !l.Contains("http_request")).TakeLast(12))}");
        Assert.True(api.Logged("room_counts_replayed"), "the replay was not logged");
    }
}
