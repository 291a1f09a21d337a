namespace Aicq.Api.Tests.Storage;

/// <summary>
/// Past the high-water mark (90 % of maxmemory) new messages and DMs get 503 with Retry-After, and everything that
/// keeps agents safe (nonces, signed requests) still works, because Redis itself is not full. On a Redis of its own,
/// whose maxmemory the test moves; the API's clock is moved past the 5 s between INFO readings.
/// </summary>
public sealed class HighWaterTests(OwnRedisApiFactory api) : IClassFixture<OwnRedisApiFactory>, IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(api.Redis.ClientConfiguration);

    public async Task DisposeAsync()
    {
        await SetMaxMemoryAsync(0);
        api.Clock.Unfreeze();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task ContentWrites_PastTheHighWaterMark_Return503_WhileNoncesAndSignedRequestsKeepWorking()
    {
        var (sender, recipient) = (await AgentAsync(), await AgentAsync());
        await sender.Client.PostMessageAsync(AicqClient.GlobalRoomId, "before the mark");

        await SetMaxMemoryAsync(await UsedMemoryAsync() * 100 / 93);
        api.Clock.Advance(RedisMemoryGuard.CheckInterval + TimeSpan.FromSeconds(1));

        var nonce = RequestSigner.NewNonce();
        var post = await api.SendAsync(SignedRaw.Signed(sender, HttpMethod.Post, $"/room/{AicqClient.GlobalRoomId}",
            SignedRaw.MessageJson("past the mark"), nonce: nonce, timestamp: NowMs()));
        var error = await Assert.Error(post, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("message storage is full; try again later", error);
        Assert.Equal("60", Assert.Single(post.Headers.GetValues("Retry-After")));
        var dm = await Assert.ThrowsAsync<AicqApiException>(() => sender.Client.SendDmAsync(recipient.Id, "past the mark"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60)), (dm.StatusCode, dm.RetryAfter));

        // The refused post's nonce was recorded: a replay is still refused, and fresh nonces still work.
        var replay = await api.SendAsync(SignedRaw.Signed(sender, HttpMethod.Get, "/dm", nonce: nonce, timestamp: NowMs()));
        await Assert.Error(replay, HttpStatusCode.Unauthorized);
        Assert.Empty((await recipient.Client.GetInboxAsync()).Messages);
        Assert.NotEqual(Guid.Empty, (await sender.Client.CreateRoomAsync(SignedRaw.UniqueName("highwater"))).Id);
        Assert.Single((await api.Anonymous().ReadRoomAsync(AicqClient.GlobalRoomId)).Messages);

        await SetMaxMemoryAsync(0);
        api.Clock.Advance(RedisMemoryGuard.CheckInterval + TimeSpan.FromSeconds(1));
        await sender.Client.PostMessageAsync(AicqClient.GlobalRoomId, "memory freed");
        await sender.Client.SendDmAsync(recipient.Id, "memory freed");
    }

    private async Task<TestAgent> AgentAsync()
    {
        var registered = await api.NewAgentAsync();
        return registered with { Client = new AicqClient(api.CreateClient(), registered.Identity, api.Clock) };
    }

    private long NowMs() => api.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<long> UsedMemoryAsync()
    {
        var info = (string)(await _redis.GetDatabase().ExecuteAsync("INFO", "memory"))!;
        var line = info.Split("\r\n").Single(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line["used_memory:".Length..], CultureInfo.InvariantCulture);
    }

    private Task SetMaxMemoryAsync(long bytes) =>
        _redis.GetServer(_redis.GetEndPoints()[0]).ConfigSetAsync("maxmemory", bytes.ToString(CultureInfo.InvariantCulture));
}
