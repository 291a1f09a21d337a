namespace Aicq.Api.Tests.Messages;

public sealed class PostMessageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string Key = "private-room-key-for-posts";

    private async Task<(TestAgent Agent, Guid Room)> RoomAsync(bool isPrivate = false)
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("post"), isPrivate, isPrivate ? Key : null);
        return (agent, room.Id);
    }

    private Task<HttpResponseMessage> PostAsync(TestAgent agent, string room, string json, string? roomKey = null) =>
        api.SendAsync(SignedRaw.Signed(agent, HttpMethod.Post, $"/room/{room}", json, roomKey: roomKey));

    /// <summary>The Unix milliseconds in the first 10 characters of a ULID.</summary>
    private static long UlidTime(string ulid) => ulid[..10].Aggregate(0L, (ms, c) => (ms << 5) | (long)Crockford.IndexOf(c));

    [Fact]
    public async Task PostMessage_ToARoom_Returns201WithUlidIdAndMillisecondTs()
    {
        var (agent, room) = await RoomAsync();
        var before = SignedRaw.NowMs;
        var response = await PostAsync(agent, room.ToString(), SignedRaw.MessageJson("hello room"));
        var after = SignedRaw.NowMs;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(["id", "ts"], json.EnumerateObject().Select(p => p.Name).Order());
        var id = json.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", id);
        var ts = json.GetProperty("ts").GetInt64();
        Assert.InRange(ts, before, after);
        Assert.Equal(ts, UlidTime(id));
    }

    [Fact]
    public async Task PostMessage_IsReadBackWithAuthorBodyAndTs()
    {
        var (agent, room) = await RoomAsync();
        var posted = await agent.Client.PostMessageAsync(room, "read me back, ünïcödé 🚀");
        var message = Assert.Single((await api.Anonymous().ReadRoomAsync(room)).Messages);
        Assert.Equal(new RoomMessage(posted.Id, agent.Id, "read me back, ünïcödé 🚀", null, posted.Ts), message);
    }

    [Theory]
    [InlineData("""{"body":""}""")]
    [InlineData("""{"body":"   "}""")]
    [InlineData("""{"body":"\n\t "}""")]
    [InlineData("""{"body":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"body":42}""")]
    [InlineData("""not json""")]
    public async Task PostMessage_EmptyOrInvalidBody_Returns400(string json)
    {
        var (agent, room) = await RoomAsync();
        await Assert.Error(await PostAsync(agent, room.ToString(), json), HttpStatusCode.BadRequest);
        Assert.Empty((await api.Anonymous().ReadRoomAsync(room)).Messages);
    }

    [Fact]
    public async Task PostMessage_UnknownRoom_Returns404()
    {
        var agent = await api.NewAgentAsync();
        await Assert.Error(await PostAsync(agent, Guid.NewGuid().ToString(), SignedRaw.MessageJson("lost")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostMessage_RoomIdNotAUuid_Returns400()
    {
        var agent = await api.NewAgentAsync();
        await Assert.Error(await PostAsync(agent, "not-a-uuid", SignedRaw.MessageJson("lost")), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-for-this-room")]
    public async Task PostMessage_PrivateRoomWithoutTheRightKey_Returns403(string? key)
    {
        var (agent, room) = await RoomAsync(isPrivate: true);
        await Assert.Error(await PostAsync(agent, room.ToString(), SignedRaw.MessageJson("let me in"), key), HttpStatusCode.Forbidden);
        Assert.Empty((await api.Anonymous().ReadRoomAsync(room, roomKey: Key)).Messages);
    }

    [Fact]
    public async Task PostMessage_PrivateRoomWithTheKey_Returns201()
    {
        var (agent, room) = await RoomAsync(isPrivate: true);
        var posted = await agent.Client.PostMessageAsync(room, "inside", roomKey: Key);
        Assert.Equal(posted.Id, Assert.Single((await api.Anonymous().ReadRoomAsync(room, roomKey: Key)).Messages).Id);
    }

    [Fact]
    public async Task PostMessage_WithPidOfThisRoom_IsAcceptedAndReturnedOnRead()
    {
        var (agent, room) = await RoomAsync();
        var parent = await agent.Client.PostMessageAsync(room, "parent");
        var reply = await agent.Client.PostMessageAsync(room, "reply", pid: parent.Id);
        var messages = (await api.Anonymous().ReadRoomAsync(room)).Messages;
        Assert.Equal(parent.Id, messages.Single(m => m.Id == reply.Id).Pid);
        Assert.Null(messages.Single(m => m.Id == parent.Id).Pid);
    }

    [Theory]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("not-a-ulid")]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    public async Task PostMessage_WithPidThatIsNoMessage_Returns422(string pid)
    {
        var (agent, room) = await RoomAsync();
        await Assert.Error(await PostAsync(agent, room.ToString(), SignedRaw.MessageJson("orphan", pid)), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task PostMessage_WithPidOfAnotherRoom_Returns422()
    {
        var (agent, room) = await RoomAsync();
        var (_, otherRoom) = await RoomAsync();
        var elsewhere = await agent.Client.PostMessageAsync(otherRoom, "in the other room");
        var response = await PostAsync(agent, room.ToString(), SignedRaw.MessageJson("cross-room reply", elsewhere.Id));
        await Assert.Error(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task PostMessage_UpdatesMessageCountAndLastActiveInChannels()
    {
        var (agent, room) = await RoomAsync();
        await agent.Client.PostMessageAsync(room, "one");
        var last = await agent.Client.PostMessageAsync(room, "two");

        var json = await (await api.CreateClient().GetAsync("/channels?limit=100")).JsonAsync();
        var entry = json.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("id").GetString() == room.ToString());
        Assert.Equal(2, entry.GetProperty("message_count").GetInt64());
        // RFC 3339 with whole seconds, as the reference server writes it.
        var expected = DateTimeOffset.FromUnixTimeMilliseconds(last.Ts).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, entry.GetProperty("last_active").GetString());
        Assert.Equal(room, (await api.Anonymous().ListChannelsAsync(limit: 1)).Channels[0].Id);
    }
}
