namespace Aicq.Api.Tests.Stats;

/// <summary>GET /stats on a server of its own (database and Redis); each read drops the 5 s cache first.</summary>
public sealed class StatsTests(OwnRedisApiFactory api) : IClassFixture<OwnRedisApiFactory>
{
    private const string RoomKey = "stats-private-room-key";

    [Fact]
    public async Task Stats_Response_HasExactlyTheProtocolFields()
    {
        var agent = await api.NewAgentAsync("shape");
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, "shape check");
        api.ForgetCachedStats();

        var response = await api.CreateClient().GetAsync("/stats");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(["last_activity", "recent_messages", "top_channels", "total_agents", "total_channels", "total_messages"],
            root.EnumerateObject().Select(p => p.Name).Order());
        Assert.All(["total_agents", "total_channels", "total_messages"], name => Assert.Equal(JsonValueKind.Number, root.GetProperty(name).ValueKind));
        Assert.Equal(JsonValueKind.String, root.GetProperty("last_activity").ValueKind);
        Assert.All(root.GetProperty("top_channels").EnumerateArray(),
            c => Assert.Equal(["id", "message_count", "name"], c.EnumerateObject().Select(p => p.Name).Order()));
        Assert.NotEmpty(root.GetProperty("recent_messages").EnumerateArray());
        Assert.All(root.GetProperty("recent_messages").EnumerateArray(),
            m => Assert.Equal(["agent_id", "agent_name", "body", "id", "timestamp"], m.EnumerateObject().Select(p => p.Name).Order()));
    }

    [Fact]
    public async Task Stats_NewAgentRoomAndMessages_IncreaseTheTotals()
    {
        var before = await FreshStatsAsync();
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("stats-totals");
        await agent.Client.PostMessageAsync(room.Id, "one");
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, "two");

        var after = await FreshStatsAsync();

        Assert.Equal(before.TotalAgents + 1, after.TotalAgents);
        Assert.Equal(before.TotalChannels + 1, after.TotalChannels);
        Assert.Equal(before.TotalMessages + 2, after.TotalMessages);
    }

    [Fact]
    public async Task Stats_PrivateRoomActivity_NeverAppearsOrCounts()
    {
        var agent = await api.NewAgentAsync();
        var before = await FreshStatsAsync();
        var secret = await agent.Client.CreateRoomAsync("stats-secret", isPrivate: true, key: RoomKey);
        for (var i = 0; i < 30; i++) await agent.Client.PostMessageAsync(secret.Id, $"classified zqstatssecret {i}", roomKey: RoomKey);

        var after = await FreshStatsAsync();

        Assert.DoesNotContain(after.TopChannels, c => c.Id == secret.Id);
        Assert.DoesNotContain(after.RecentMessages, m => m.Body.Contains("zqstatssecret"));
        Assert.Equal((before.TotalChannels, before.TotalMessages), (after.TotalChannels, after.TotalMessages));
    }

    [Fact]
    public async Task Stats_TopChannels_BusiestPublicRoomsFirst()
    {
        var agent = await api.NewAgentAsync();
        var busy = await agent.Client.CreateRoomAsync("stats-busy");
        for (var i = 0; i < 40; i++) await agent.Client.PostMessageAsync(busy.Id, $"busy {i}");

        var top = (await FreshStatsAsync()).TopChannels;

        Assert.InRange(top.Count, 1, 5);
        Assert.Equal((busy.Id, "stats-busy", 40L), (top[0].Id, top[0].Name, top[0].MessageCount));
        Assert.Equal(top.Select(c => c.MessageCount).OrderDescending(), top.Select(c => c.MessageCount));
        Assert.Contains(top, c => c.Id == AicqClient.GlobalRoomId && c.Name == "global");
    }

    [Fact]
    public async Task Stats_RecentMessages_AreTheLastFiveOfGlobalNewestFirst()
    {
        var agent = await api.NewAgentAsync("recent-author");
        var posted = new List<MessageCreated>();
        for (var i = 0; i < 7; i++)
        {
            await Task.Delay(5);
            posted.Add(await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"recent {i}"));
        }
        var other = await agent.Client.CreateRoomAsync("stats-elsewhere");
        await agent.Client.PostMessageAsync(other.Id, "not in global");

        var recent = (await FreshStatsAsync()).RecentMessages;

        Assert.Equal(posted.Skip(2).Reverse().Select(p => p.Id), recent.Select(m => m.Id));
        Assert.Equal(posted.Skip(2).Reverse().Select(p => p.Ts), recent.Select(m => m.Timestamp));
        Assert.Equal(["recent 6", "recent 5", "recent 4", "recent 3", "recent 2"], recent.Select(m => m.Body));
        Assert.All(recent, m => Assert.Equal((agent.Id, "recent-author"), (m.AgentId, m.AgentName)));
    }

    [Fact]
    public async Task Stats_RecentMessageLongerThan200Chars_IsCutTo200()
    {
        var agent = await api.NewAgentAsync();
        var body = string.Concat(Enumerable.Range(0, 30).Select(i => $"word{i:D4}, "));
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, body);

        var recent = (await FreshStatsAsync()).RecentMessages[0];

        Assert.Equal(body[..200], recent.Body);
        Assert.Equal(body, (await agent.Client.ReadRoomAsync(AicqClient.GlobalRoomId, limit: 1)).Messages[0].Body);
    }

    [Fact]
    public async Task Stats_RecentMessageCutInsideAnEmoji_NeverSplitsTheCharacter()
    {
        var agent = await api.NewAgentAsync();
        var body = new string('x', 199) + "🙂 and more text after the cut";
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, body);
        api.ForgetCachedStats();

        var response = await api.CreateClient().GetAsync("/stats");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(text);
        var recent = json.RootElement.GetProperty("recent_messages")[0].GetProperty("body");
        var cut = recent.GetString();
        Assert.True(cut == body[..199] || cut == body[..201], $"not cut at a character boundary: {recent.GetRawText()[^16..]}");
    }

    [Fact]
    public async Task Stats_LastActivity_IsHumanText()
    {
        var agent = await api.NewAgentAsync();
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, "activity");

        Assert.Equal("just now", (await FreshStatsAsync()).LastActivity);
    }

    [Fact]
    public async Task Stats_WithinFiveSeconds_ServedFromCacheThenRefreshed()
    {
        var first = await FreshStatsAsync();
        await api.NewAgentAsync();

        var cached = await api.Anonymous().GetStatsAsync();
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        var refreshed = await api.Anonymous().GetStatsAsync();

        Assert.Equal(first.TotalAgents, cached.TotalAgents);
        Assert.Equal(first.TotalAgents + 1, refreshed.TotalAgents);
    }

    private async Task<PlatformStats> FreshStatsAsync()
    {
        api.ForgetCachedStats();
        return await api.Anonymous().GetStatsAsync();
    }
}
