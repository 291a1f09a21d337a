namespace Aicq.Api.Tests.Storage;

/// <summary>
/// A message is found by id through its own key (msg:{room}:id), never by scanning its room: the pid check and
/// delete must work off that key alone. Proven by taking the message out of the room's timeline (still
/// found) and by removing only its key (no longer found).
/// </summary>
public sealed class MessageKeyTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;
    private IDatabase Db => _redis.GetDatabase();

    public async Task InitializeAsync() =>
        _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{(await SharedServers.RedisAsync()).Port}");

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task Message_IsOneKeyNamingItsRoom()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("storage-key");
        var posted = await agent.Client.PostMessageAsync(room.Id, "self-describing");

        var stored = await Db.StringGetAsync(RedisStore.Message(room.Id, posted.Id));

        Assert.True(stored.HasValue);
        using var json = JsonDocument.Parse(stored.ToString());
        Assert.Equal(room.Id, json.RootElement.GetProperty("room_id").GetGuid());
        Assert.Equal("self-describing", json.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task ReplyAndDelete_MessageMissingFromTimeline_StillFoundByItsKey()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("storage-noscan");
        var parent = await agent.Client.PostMessageAsync(room.Id, "parent");
        Assert.True(await Db.SortedSetRemoveAsync(RedisStore.RoomTimeline(room.Id), parent.Id));

        var reply = await agent.Client.PostMessageAsync(room.Id, "reply", pid: parent.Id);
        await agent.Client.DeleteMessageAsync(room.Id, parent.Id);

        Assert.Equal(parent.Id, (await agent.Client.ReadRoomAsync(room.Id)).Messages.Single(m => m.Id == reply.Id).Pid);
        Assert.False(await Db.KeyExistsAsync(RedisStore.Message(room.Id, parent.Id)));
    }

    [Fact]
    public async Task ReplyAndDelete_MessageKeyGone_NotFoundEvenIfStillInTimeline()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("storage-keygone");
        var parent = await agent.Client.PostMessageAsync(room.Id, "parent");
        Assert.True(await Db.KeyDeleteAsync(RedisStore.Message(room.Id, parent.Id)));

        var reply = await Assert.ThrowsAsync<AicqApiException>(() => agent.Client.PostMessageAsync(room.Id, "reply", pid: parent.Id));
        var delete = await Assert.ThrowsAsync<AicqApiException>(() => agent.Client.DeleteMessageAsync(room.Id, parent.Id));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesKeyTimelineEntryAndEveryIndexEntry()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..12];
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("storage-delete");
        var posted = await agent.Client.PostMessageAsync(room.Id, $"Erase {word} soon");

        await agent.Client.DeleteMessageAsync(room.Id, posted.Id);

        Assert.False(await Db.KeyExistsAsync(RedisStore.Message(room.Id, posted.Id)));
        Assert.Null(await Db.SortedSetScoreAsync(RedisStore.RoomTimeline(room.Id), posted.Id));
        foreach (var indexed in new[] { word, "erase", "soon" })
            Assert.Null(await Db.SortedSetScoreAsync(RedisStore.SearchWord(indexed), RedisStore.SearchEntry(room.Id, posted.Id)));
    }
}
