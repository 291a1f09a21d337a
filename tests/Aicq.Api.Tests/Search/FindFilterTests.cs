namespace Aicq.Api.Tests.Search;

/// <summary>Ordering, paging, filters, privacy and the response shape of GET /find.</summary>
public sealed class FindFilterTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string RoomKey = "a-shared-room-key-0123";

    [Fact]
    public async Task Find_Response_HasExactlyTheProtocolFields()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("find-shape");
        var posted = await agent.Client.PostMessageAsync(room.Id, $"Shape {word} check");

        var response = await api.CreateClient().GetAsync($"/find?q=SHAPE+{word}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(["query", "results", "total"], root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal($"SHAPE {word}", root.GetProperty("query").GetString());
        Assert.Equal(1, root.GetProperty("total").GetInt64());
        var hit = Assert.Single(root.GetProperty("results").EnumerateArray().ToList());
        Assert.Equal(["body", "from", "id", "room_id", "room_name", "ts"], hit.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(posted.Id, hit.GetProperty("id").GetString());
        Assert.Equal(room.Id, hit.GetProperty("room_id").GetGuid());
        Assert.Equal("find-shape", hit.GetProperty("room_name").GetString());
        Assert.Equal(agent.Id, hit.GetProperty("from").GetGuid());
        Assert.Equal($"Shape {word} check", hit.GetProperty("body").GetString());
        Assert.Equal(posted.Ts, hit.GetProperty("ts").GetInt64());
    }

    [Fact]
    public async Task Find_InGlobal_ReportsRoomNameGlobal()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, word);

        var hit = Assert.Single((await api.Anonymous().FindAsync(word)).Results);

        Assert.Equal((AicqClient.GlobalRoomId, "global"), (hit.RoomId, hit.RoomName));
    }

    [Fact]
    public async Task Find_SeveralMatches_NewestFirstWithTotalBeyondLimit()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        var posted = await PostSpacedAsync(agent, AicqClient.GlobalRoomId, word, 3);

        var all = await api.Anonymous().FindAsync(word);
        var page = await api.Anonymous().FindAsync(word, limit: 2);

        Assert.Equal(posted.Select(p => p.Id).Reverse(), all.Results.Select(r => r.Id));
        Assert.Equal([posted[2].Id, posted[1].Id], page.Results.Select(r => r.Id));
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task Find_ManyMatches_DefaultsTo20AndNeverReturnsMoreThan100()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("find-many");
        for (var i = 0; i < 101; i++) await agent.Client.PostMessageAsync(room.Id, $"{word} {i}");

        var byDefault = await api.Anonymous().FindAsync(word);
        var large = await api.Anonymous().FindAsync(word, limit: 500);

        Assert.Equal((20, 101), (byDefault.Results.Count, byDefault.Total));
        Assert.Equal((100, 101), (large.Results.Count, large.Total));
    }

    [Fact]
    public async Task Find_WithRoom_OnlyThatRoomsMessages()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        var (one, two) = (await agent.Client.CreateRoomAsync("find-one"), await agent.Client.CreateRoomAsync("find-two"));
        var inOne = await agent.Client.PostMessageAsync(one.Id, $"{word} one");
        await agent.Client.PostMessageAsync(two.Id, $"{word} two");

        var found = await api.Anonymous().FindAsync(word, room: one.Id);

        Assert.Equal([inOne.Id], found.Results.Select(r => r.Id));
        Assert.Equal(1, found.Total);
        Assert.Equal(2, (await api.Anonymous().FindAsync(word)).Total);
        Assert.Empty((await api.Anonymous().FindAsync(word, room: Guid.NewGuid())).Results);
    }

    [Theory]
    [InlineData("room=nope")]
    [InlineData("room=123")]
    [InlineData("after=-1")]
    [InlineData("after=yesterday")]
    public async Task Find_InvalidRoomOrAfter_Returns400(string filter)
    {
        await Assert.Error(await api.CreateClient().GetAsync($"/find?q=hello&{filter}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Find_WithAfter_IsExclusive()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        var posted = await PostSpacedAsync(agent, AicqClient.GlobalRoomId, word, 3);

        var strictlyAfter = await api.Anonymous().FindAsync(word, after: posted[1].Ts);
        var fromSecond = await api.Anonymous().FindAsync(word, after: posted[1].Ts - 1);

        Assert.Equal([posted[2].Id], strictlyAfter.Results.Select(r => r.Id));
        Assert.Equal(1, strictlyAfter.Total);
        Assert.Equal([posted[2].Id, posted[1].Id], fromSecond.Results.Select(r => r.Id));
        Assert.Empty((await api.Anonymous().FindAsync(word, after: posted[2].Ts)).Results);
    }

    [Fact]
    public async Task Find_AfterTheLargestTimestamp_ReturnsNothing()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, word);

        var found = await api.Anonymous().FindAsync(word, after: long.MaxValue);

        Assert.Equal((0, 0), (found.Results.Count, found.Total));
    }

    [Fact]
    public async Task Find_PrivateRoomMessage_NeverAppears()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        var secret = await agent.Client.CreateRoomAsync("find-secret", isPrivate: true, key: RoomKey);
        await agent.Client.PostMessageAsync(secret.Id, $"classified {word}", roomKey: RoomKey);
        Assert.Single((await agent.Client.ReadRoomAsync(secret.Id, roomKey: RoomKey)).Messages);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/find?q={word}&room={secret.Id}");
        request.Headers.Add(ProtocolHeaders.RoomKey, RoomKey);
        var withRoomAndKey = await api.CreateClient().SendAsync(request);

        Assert.Empty((await api.Anonymous().FindAsync(word)).Results);
        Assert.Empty((await api.Anonymous().FindAsync($"classified {word}", room: secret.Id)).Results);
        Assert.Equal(HttpStatusCode.OK, withRoomAndKey.StatusCode);
        using var json = JsonDocument.Parse(await withRoomAndKey.Content.ReadAsStringAsync());
        Assert.Equal(0, json.RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Find_DeletedMessage_Disappears()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        var kept = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"{word} kept");
        var deleted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"{word} deleted");
        Assert.Equal(2, (await api.Anonymous().FindAsync(word)).Total);

        await agent.Client.DeleteMessageAsync(AicqClient.GlobalRoomId, deleted.Id);

        var found = await api.Anonymous().FindAsync(word);
        Assert.Equal([kept.Id], found.Results.Select(r => r.Id));
        Assert.Equal(1, found.Total);
        Assert.Empty((await api.Anonymous().FindAsync($"{word} deleted")).Results);
    }

    private static async Task<List<MessageCreated>> PostSpacedAsync(TestAgent agent, Guid room, string word, int count)
    {
        var posted = new List<MessageCreated>();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) await Task.Delay(5);
            posted.Add(await agent.Client.PostMessageAsync(room, $"{word} number {i}"));
        }
        return posted;
    }

    private static string Word() => "zq" + Guid.NewGuid().ToString("N")[..12];
}
