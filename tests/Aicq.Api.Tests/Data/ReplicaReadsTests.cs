namespace Aicq.Api.Tests.Data;

/// <summary>
/// With <c>DATABASE_REPLICA_URL</c>, the listings that may be stale come from the standby, while every write and every
/// read that decides one stays on the primary. Replay is paused on the standby, so "stale" is certain, not a race.
/// </summary>
public sealed class ReplicaReadsTests
{
    [Fact]
    public async Task ReplicaLagging_ChannelsAndStatsAreStale_ButANewRoomTakesPostsAtOnce()
    {
        await using var primary = await PostgresServer.StartAsync();
        var databaseUrl = await primary.CreateDatabaseAsync("aicq");
        await using var standby = await primary.StartStandbyAsync();
        var redis = await SharedServers.RedisAsync();
        var settings = new Dictionary<string, string?> { ["DATABASE_REPLICA_URL"] = standby.Url("aicq") };
        var starting = new[] { ApiProcess.StartAsync(databaseUrl, redis.Url, settings), ApiProcess.StartAsync(databaseUrl, redis.Url, settings) };
        await using var api = await starting[0];
        await using var other = await starting[1];
        await standby.WaitForReplayOfAsync(primary, TimeSpan.FromSeconds(60));

        await standby.PauseReplayAsync();
        var (agent, client) = await api.NewAgentAsync("writer");
        var room = await client.CreateRoomAsync("fresh-" + Guid.NewGuid().ToString("N")[..8]);
        // Read-your-own-write on another instance (nothing cached there): the new agent's signature and the new room are
        // looked up on the primary, so the room can be posted to and read at once, and /who never says 404.
        var elsewhere = new AicqClient(other.CreateClient(), agent);
        await elsewhere.PostMessageAsync(room.Id, "first post");
        Assert.Single((await elsewhere.ReadRoomAsync(room.Id)).Messages);
        Assert.Equal(agent.AgentId, (await elsewhere.WhoAsync(agent.AgentId)).Id);
        // The standby has not replayed the room yet: these two answer from it.
        Assert.DoesNotContain((await client.ListChannelsAsync()).Channels, channel => channel.Id == room.Id);
        Assert.Equal(1, (await client.GetStatsAsync()).TotalChannels);

        await standby.PauseReplayAsync(paused: false);
        Assert.True(await Poll.UntilAsync(async () =>
            (await client.ListChannelsAsync()).Channels.Any(channel => channel.Id == room.Id), TimeSpan.FromSeconds(30)));
    }
}
