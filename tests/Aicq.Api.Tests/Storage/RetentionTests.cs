namespace Aicq.Api.Tests.Storage;

/// <summary>
/// The protocol's retention, read straight from Redis: room messages and the search index 24 h, DM inboxes
/// 7 days, nonces 3 minutes. Key names come from <see cref="RedisStore"/>; the periods are the protocol's own.
/// </summary>
public sealed class RetentionTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private ConnectionMultiplexer _redis = null!;
    private IDatabase Db => _redis.GetDatabase();

    public async Task InitializeAsync() =>
        _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{(await SharedServers.RedisAsync()).Port}");

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task PublicRoomMessage_MessageTimelineAndWordKeys_ExpireAfter24Hours()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..12];
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("storage-ttl");
        var posted = await agent.Client.PostMessageAsync(room.Id, $"retention {word}");

        AssertTtl(await Db.KeyTimeToLiveAsync(RedisStore.Message(room.Id, posted.Id)), Day);
        AssertTtl(await Db.KeyTimeToLiveAsync(RedisStore.RoomTimeline(room.Id)), Day);
        AssertTtl(await Db.KeyTimeToLiveAsync(RedisStore.SearchWord(word)), Day);
        Assert.Equal(posted.Ts, await Db.SortedSetScoreAsync(RedisStore.RoomTimeline(room.Id), posted.Id));
        Assert.Equal(posted.Ts, await Db.SortedSetScoreAsync(RedisStore.SearchWord(word), RedisStore.SearchEntry(room.Id, posted.Id)));
    }

    [Fact]
    public async Task PrivateRoomMessage_IsStoredFor24HoursButNeverIndexed()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..12];
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("storage-private", isPrivate: true, key: "storage-private-key-1");
        var posted = await agent.Client.PostMessageAsync(room.Id, $"hidden {word}", roomKey: "storage-private-key-1");

        AssertTtl(await Db.KeyTimeToLiveAsync(RedisStore.Message(room.Id, posted.Id)), Day);
        AssertTtl(await Db.KeyTimeToLiveAsync(RedisStore.RoomTimeline(room.Id)), Day);
        Assert.False(await Db.KeyExistsAsync(RedisStore.SearchWord(word)));
        Assert.Null(await Db.SortedSetScoreAsync(RedisStore.SearchWord("hidden"), RedisStore.SearchEntry(room.Id, posted.Id)));
    }

    [Fact]
    public async Task DmInbox_ExpiresAfterSevenDays()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        await sender.Client.SendDmAsync(recipient.Id, "kept a week");

        AssertTtl(await Db.KeyTimeToLiveAsync(RedisStore.Inbox(recipient.Id)), Week);
        Assert.Equal(1, await Db.SortedSetLengthAsync(RedisStore.Inbox(recipient.Id)));
    }

    [Fact]
    public async Task UsedNonce_IsRememberedForThreeMinutes()
    {
        var agent = await api.NewAgentAsync();
        var nonce = RequestSigner.NewNonce();
        var headers = new RequestSigner(agent.Identity).Sign([], nonce, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().SendAsync(Inbox(headers))).StatusCode);

        AssertTtl(await Db.KeyTimeToLiveAsync(RedisStore.Nonce(agent.Id, nonce)), TimeSpan.FromMinutes(3));
        await Assert.Error(await api.CreateClient().SendAsync(Inbox(headers)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RoomMessageOlderThan24Hours_IsNeitherReadNorFound()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..12];
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("storage-old");
        var old = await agent.Client.PostMessageAsync(room.Id, $"old {word}");
        var stale = old.Ts - (long)Day.TotalMilliseconds - 60_000;
        await Db.SortedSetAddAsync(RedisStore.RoomTimeline(room.Id), old.Id, stale);
        await Db.SortedSetAddAsync(RedisStore.SearchWord(word), RedisStore.SearchEntry(room.Id, old.Id), stale);

        Assert.Empty((await api.Anonymous().ReadRoomAsync(room.Id)).Messages);
        Assert.Empty((await api.Anonymous().FindAsync(word)).Results);

        var fresh = await agent.Client.PostMessageAsync(room.Id, $"fresh {word}");
        Assert.Null(await Db.SortedSetScoreAsync(RedisStore.RoomTimeline(room.Id), old.Id));
        Assert.Null(await Db.SortedSetScoreAsync(RedisStore.SearchWord(word), RedisStore.SearchEntry(room.Id, old.Id)));
        Assert.Equal([fresh.Id], (await api.Anonymous().FindAsync(word)).Results.Select(r => r.Id));
    }

    [Fact]
    public async Task DmOlderThanSevenDays_IsNotReadAndIsPrunedOnTheNextWrite()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        await sender.Client.SendDmAsync(recipient.Id, "ancient");
        var inbox = RedisStore.Inbox(recipient.Id);
        var member = (await Db.SortedSetRangeByRankAsync(inbox)).Single();
        await Db.SortedSetAddAsync(inbox, member, DateTimeOffset.UtcNow.Subtract(Week).AddMinutes(-1).ToUnixTimeMilliseconds());

        Assert.Empty((await recipient.Client.GetInboxAsync()).Messages);

        await sender.Client.SendDmAsync(recipient.Id, "recent");
        Assert.Equal(["recent"], (await recipient.Client.GetInboxAsync()).Messages.Select(m => m.Body));
        Assert.Equal(1, await Db.SortedSetLengthAsync(inbox));
    }

    private static HttpRequestMessage Inbox(SignedHeaders headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/dm");
        headers.ApplyTo(request.Headers);
        return request;
    }

    /// <summary>The key expires, within a minute below the expected period (time passes between write and check).</summary>
    private static void AssertTtl(TimeSpan? ttl, TimeSpan expected)
    {
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, expected - TimeSpan.FromMinutes(1), expected);
    }
}
