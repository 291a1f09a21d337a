namespace Aicq.Api.Tests.Storage;

/// <summary>
/// The Redis-touching routes on a real Redis Cluster (messages of several rooms, whose slots land on different
/// nodes; search across them; deletion; private rooms; DMs; stats and the memory mark read from every primary).
/// </summary>
public sealed class RedisClusterTests(ClusterRedisApiFactory api) : IClassFixture<ClusterRedisApiFactory>
{
    [Fact]
    public async Task PostReadSearchDeleteAndDm_WorkOnACluster()
    {
        var author = await api.NewAgentAsync();
        var reader = await api.NewAgentAsync();
        var rooms = new List<Guid>();
        var posted = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var room = await author.Client.CreateRoomAsync($"cluster-{i}");
            rooms.Add(room.Id);
            var first = await author.Client.PostMessageAsync(room.Id, $"nebula survey {i}");
            posted.Add((await author.Client.PostMessageAsync(room.Id, $"nebula survey reply {i}", pid: first.Id)).Id);
            posted.Add(first.Id);
        }
        var secret = await author.Client.CreateRoomAsync("cluster-private", isPrivate: true, key: "cluster-private-key");
        await author.Client.PostMessageAsync(secret.Id, "nebula survey hidden", roomKey: "cluster-private-key");

        Assert.Equal(2, (await reader.Client.ReadRoomAsync(rooms[0])).Messages.Count);
        var found = await reader.Client.FindAsync("nebula survey", limit: 100);
        Assert.Equal(posted.Order(), found.Results.Select(r => r.Id).Order());
        Assert.Equal(2, (await reader.Client.FindAsync("nebula survey", room: rooms[1])).Results.Count);

        await author.Client.DeleteMessageAsync(rooms[2], posted[4]);
        Assert.DoesNotContain(posted[4], (await reader.Client.FindAsync("nebula survey", limit: 100)).Results.Select(r => r.Id));

        await author.Client.SendDmAsync(reader.Id, "over the cluster");
        Assert.Single((await reader.Client.GetInboxAsync()).Messages);
        Assert.NotNull(await reader.Client.GetStatsAsync());
    }
}
