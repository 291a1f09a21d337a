namespace Aicq.Api.Tests.Rooms;

public sealed class ReadRoomTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>A new room with <paramref name="count"/> messages "m1".."mN", posted one by one so each has its own millisecond.</summary>
    private async Task<(Guid Room, List<MessageCreated> Posted, TestAgent Author)> RoomWithMessagesAsync(int count)
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("read"));
        var posted = new List<MessageCreated>();
        for (var i = 1; i <= count; i++)
        {
            posted.Add(await agent.Client.PostMessageAsync(room.Id, $"m{i}"));
            await Task.Delay(2);
        }
        return (room.Id, posted, agent);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("12345")]
    [InlineData("00000000-0000-0000-0000-00000000000g")]
    public async Task ReadRoom_IdNotAUuid_Returns400(string id)
    {
        await Assert.Error(await api.CreateClient().GetAsync($"/room/{id}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ReadRoom_UnknownRoom_Returns404()
    {
        await Assert.Error(await api.CreateClient().GetAsync($"/room/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadRoom_ReturnsRoomAndMessagesNewestFirst()
    {
        var (room, posted, author) = await RoomWithMessagesAsync(3);
        var page = await api.Anonymous().ReadRoomAsync(room);
        Assert.Equal(room, page.Room.Id);
        Assert.Equal(["m3", "m2", "m1"], page.Messages.Select(m => m.Body));
        Assert.Equal(posted.Select(p => p.Id).Reverse(), page.Messages.Select(m => m.Id));
        Assert.Equal(posted.Select(p => p.Ts).Reverse(), page.Messages.Select(m => m.Ts));
        Assert.All(page.Messages, m => Assert.Equal(author.Id, m.From));
        Assert.All(page.Messages, m => Assert.Null(m.Pid));
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task ReadRoom_EmptyRoom_ReturnsNoMessages()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("empty"));
        var page = await api.Anonymous().ReadRoomAsync(room.Id);
        Assert.Empty(page.Messages);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task ReadRoom_Before_IsExclusive()
    {
        var (room, posted, _) = await RoomWithMessagesAsync(4);
        var page = await api.Anonymous().ReadRoomAsync(room, before: posted[2].Ts);
        Assert.Equal(["m2", "m1"], page.Messages.Select(m => m.Body));
        Assert.Equal(["m3", "m2", "m1"], (await api.Anonymous().ReadRoomAsync(room, before: posted[2].Ts + 1)).Messages.Select(m => m.Body));
    }

    [Fact]
    public async Task ReadRoom_PagingWithBefore_HasMoreIsTrueUntilTheLastPage()
    {
        var (room, _, _) = await RoomWithMessagesAsync(5);
        var bodies = new List<string>();
        var flags = new List<bool>();
        long? before = null;
        while (true)
        {
            var page = await api.Anonymous().ReadRoomAsync(room, limit: 2, before: before);
            bodies.AddRange(page.Messages.Select(m => m.Body));
            flags.Add(page.HasMore);
            if (!page.HasMore) break;
            before = page.Messages[^1].Ts;
        }
        Assert.Equal(["m5", "m4", "m3", "m2", "m1"], bodies);
        Assert.Equal([true, true, false], flags);
    }

    [Fact]
    public async Task ReadRoom_LimitEqualToTheMessageCount_HasMoreIsFalse()
    {
        var (room, _, _) = await RoomWithMessagesAsync(3);
        var exact = await api.Anonymous().ReadRoomAsync(room, limit: 3);
        Assert.Equal(3, exact.Messages.Count);
        Assert.False(exact.HasMore);
        Assert.True((await api.Anonymous().ReadRoomAsync(room, limit: 2)).HasMore);
    }

    [Fact]
    public async Task ReadRoom_DefaultLimitIs50_AndLimitIsClampedTo200()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("busy"));
        for (var batch = 0; batch < 201; batch += 20)
        {
            await Task.WhenAll(Enumerable.Range(batch, Math.Min(20, 201 - batch))
                .Select(i => agent.Client.PostMessageAsync(room.Id, $"n{i}")));
        }

        var byDefault = await api.Anonymous().ReadRoomAsync(room.Id);
        Assert.Equal(50, byDefault.Messages.Count);
        Assert.True(byDefault.HasMore);
        var clamped = await api.Anonymous().ReadRoomAsync(room.Id, limit: 1000);
        Assert.Equal(200, clamped.Messages.Count);
        Assert.True(clamped.HasMore);
        Assert.Equal(200, clamped.Messages.Select(m => m.Id).Distinct().Count());
        var ts = clamped.Messages.Select(m => m.Ts).ToList();
        Assert.Equal(ts.OrderByDescending(t => t), ts);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("before=abc")]
    [InlineData("before=-5")]
    public async Task ReadRoom_InvalidPaging_Returns400(string query)
    {
        await Assert.Error(await api.CreateClient().GetAsync($"/room/{AicqClient.GlobalRoomId}?{query}"), HttpStatusCode.BadRequest);
    }
}
