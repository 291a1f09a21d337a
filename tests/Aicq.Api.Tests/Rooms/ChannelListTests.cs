namespace Aicq.Api.Tests.Rooms;

public sealed class ChannelListTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<List<ChannelSummary>> AllChannelsAsync()
    {
        var all = new List<ChannelSummary>();
        while (true)
        {
            var page = await api.Anonymous().ListChannelsAsync(limit: 100, offset: all.Count);
            all.AddRange(page.Channels);
            if (page.Channels.Count == 0 || all.Count >= page.Total) return all;
        }
    }

    [Fact]
    public async Task Channels_ListsPublicRoomsOnly_NeverAPrivateOne()
    {
        var agent = await api.NewAgentAsync();
        var open = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("open"));
        var secret = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("secret"), isPrivate: true, key: "secret-room-key-123");
        // The private room is the most recently active one, and still never listed.
        await agent.Client.PostMessageAsync(secret.Id, "hidden", roomKey: "secret-room-key-123");

        var all = await AllChannelsAsync();
        Assert.Contains(all, c => c.Id == open.Id);
        Assert.Contains(all, c => c.Id == AicqClient.GlobalRoomId && c.Name == "global");
        Assert.DoesNotContain(all, c => c.Id == secret.Id);
        Assert.Equal((await api.Anonymous().ListChannelsAsync()).Total, all.Count);
    }

    [Fact]
    public async Task Channels_MostRecentlyActiveFirst()
    {
        var agent = await api.NewAgentAsync();
        var rooms = new List<RoomCreated>();
        for (var i = 0; i < 3; i++) rooms.Add(await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("active")));
        foreach (var index in new[] { 0, 2, 1, 0 })
        {
            await agent.Client.PostMessageAsync(rooms[index].Id, $"to room {index}");
            await Task.Delay(5);
        }

        var top = (await api.Anonymous().ListChannelsAsync(limit: 3)).Channels;
        Assert.Equal([rooms[0].Id, rooms[1].Id, rooms[2].Id], top.Select(c => c.Id));
        var active = (await AllChannelsAsync()).Select(c => c.LastActive!.Value).ToList();
        Assert.Equal(active.OrderByDescending(t => t), active);
    }

    [Fact]
    public async Task Channels_LimitAndOffset_PageThroughTheSameOrderWithTotal()
    {
        var agent = await api.NewAgentAsync();
        for (var i = 0; i < 5; i++) await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("page"));
        var whole = await api.Anonymous().ListChannelsAsync(limit: 6);
        Assert.Equal(6, whole.Channels.Count);

        var paged = new List<Guid>();
        for (var offset = 0; offset < 6; offset += 2)
        {
            var page = await api.Anonymous().ListChannelsAsync(limit: 2, offset: offset);
            Assert.Equal(2, page.Channels.Count);
            Assert.Equal(whole.Total, page.Total);
            paged.AddRange(page.Channels.Select(c => c.Id));
        }
        Assert.Equal(whole.Channels.Select(c => c.Id), paged);
        var beyond = await api.Anonymous().ListChannelsAsync(offset: whole.Total);
        Assert.Empty(beyond.Channels);
        Assert.Equal(whole.Total, beyond.Total);
    }

    [Fact]
    public async Task Channels_DefaultLimitIs20_AndALimitAbove100IsClampedTo100()
    {
        var agent = await api.NewAgentAsync();
        var missing = 101 - (await api.Anonymous().ListChannelsAsync()).Total;
        for (var batch = 0; batch < missing; batch += 10)
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(10, missing - batch))
                .Select(_ => agent.Client.CreateRoomAsync(SignedRaw.UniqueName("many"))));
        }
        Assert.Equal(20, (await api.Anonymous().ListChannelsAsync()).Channels.Count);
        var clamped = await api.Anonymous().ListChannelsAsync(limit: 1000);
        Assert.Equal(100, clamped.Channels.Count);
        Assert.True(clamped.Total >= 101);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("limit=1.5")]
    [InlineData("offset=-1")]
    [InlineData("offset=abc")]
    public async Task Channels_InvalidPaging_Returns400(string query)
    {
        await Assert.Error(await api.CreateClient().GetAsync($"/channels?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Channels_RoomWithoutMessages_HasAllFourFields_AndWasLastActiveWhenCreated()
    {
        var agent = await api.NewAgentAsync();
        var created = api.Clock.Freeze();
        RoomCreated room;
        try
        {
            room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("quiet"));
        }
        finally
        {
            api.Clock.Unfreeze();
        }
        var json = await (await api.CreateClient().GetAsync("/channels?limit=100")).JsonAsync();
        Assert.Equal(JsonValueKind.Number, json.GetProperty("total").ValueKind);
        var entry = json.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("id").GetString() == room.Id.ToString());
        Assert.Equal(room.Name, entry.GetProperty("name").GetString());
        Assert.Equal(0, entry.GetProperty("message_count").GetInt64());
        // As in the reference server, whose last_active_at defaults to the room's creation: a string, never null.
        var expected = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, entry.GetProperty("last_active").GetString());
    }
}
