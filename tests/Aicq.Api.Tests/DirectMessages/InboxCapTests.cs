using Aicq.Api.DirectMessages;

namespace Aicq.Api.Tests.DirectMessages;

/// <summary>
/// An inbox holds at most 2000 DMs and 1 MiB of them, one sender at most 400 DMs and 256 KiB of it; past any cap the
/// sender gets 422, even when racing.
/// </summary>
public sealed class InboxCapTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() =>
        _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{(await SharedServers.RedisAsync()).Port}");

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task SendDm_ConcurrentlyPastTheMessageCap_AcceptsExactlyUpToTheCap()
    {
        var recipient = await api.NewAgentAsync();
        var senders = await SendersAsync(6);
        await Task.WhenAll(senders.Take(5).Select(async sender =>
        {
            for (var i = 0; i < 396; i += 12)
                await Task.WhenAll(Enumerable.Range(i, 12).Select(n => sender.Client.SendDmAsync(recipient.Id, $"m{n}")));
        }));

        var racing = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => StatusOf(() => senders[5].Client.SendDmAsync(recipient.Id, $"r{i}"))));

        Assert.Equal(20, racing.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(40, racing.Count(s => s == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(DmStore.MaxMessages, await _redis.GetDatabase().SortedSetLengthAsync(RedisStore.Inbox(recipient.Id)));
        var refused = await Assert.ThrowsAsync<AicqApiException>(() => senders[5].Client.SendDmAsync(recipient.Id, "one more"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("recipient inbox is full (2000 messages)", refused.Error);
    }

    [Fact]
    public async Task SendDm_PastTheByteCap_Returns422AndKeepsTheInboxUnderIt()
    {
        var recipient = await api.NewAgentAsync();
        var senders = await SendersAsync(5);
        var body = new string('b', 8000);
        var accepted = 0;
        AicqApiException? refused = null;
        while (refused is null && accepted < DmStore.MaxMessages)
        {
            try
            {
                await senders[accepted % senders.Count].Client.SendDmAsync(recipient.Id, body);
                accepted++;
            }
            catch (AicqApiException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("recipient inbox is full (1024 KiB)", refused.Error);
        var db = _redis.GetDatabase();
        var stored = (await db.SortedSetRangeByRankAsync(RedisStore.Inbox(recipient.Id))).Select(e => Encoding.UTF8.GetByteCount(e.ToString())).ToList();
        Assert.Equal(accepted, stored.Count);
        Assert.InRange(stored.Sum(), DmStore.MaxBytes - stored.Max() + 1, DmStore.MaxBytes);
        Assert.Equal(stored.Sum(), (long)await db.StringGetAsync(RedisStore.InboxBytes(recipient.Id)));
        // A small DM still fits in what is left.
        Assert.Equal(26, (await senders[0].Client.SendDmAsync(recipient.Id, "short")).Id.Length);
    }

    [Fact]
    public async Task SendDm_PastOneSendersShare_Returns422ToThatSenderOnly()
    {
        var (flooder, bigFlooder, other, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync(), await api.NewAgentAsync(), await api.NewAgentAsync());
        for (var i = 0; i < DmStore.MaxMessagesPerSender; i += 20)
            await Task.WhenAll(Enumerable.Range(i, 20).Select(n => flooder.Client.SendDmAsync(recipient.Id, $"f{n}")));
        var byCount = await Assert.ThrowsAsync<AicqApiException>(() => flooder.Client.SendDmAsync(recipient.Id, "one more"));

        var big = 0;
        AicqApiException? byBytes = null;
        while (byBytes is null && big < DmStore.MaxMessagesPerSender)
        {
            try
            {
                await bigFlooder.Client.SendDmAsync(recipient.Id, new string('g', 8000));
                big++;
            }
            catch (AicqApiException e)
            {
                byBytes = e;
            }
        }

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (byCount.StatusCode, byBytes?.StatusCode));
        Assert.Contains("recipient inbox holds the most one sender may (400 messages)", byCount.Error);
        Assert.Contains("recipient inbox holds the most one sender may (256 KiB)", byBytes!.Error);
        Assert.InRange(big, 30, 32);
        await other.Client.SendDmAsync(recipient.Id, "still gets through");
        Assert.Equal("still gets through", (await recipient.Client.GetInboxAsync()).Messages[0].Body);
    }

    [Fact]
    public async Task SendDm_ToAnInboxWithoutItsByteCounter_RebuildsItFromTheEntries()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        await sender.Client.SendDmAsync(recipient.Id, "first");
        var db = _redis.GetDatabase();
        await db.KeyDeleteAsync(RedisStore.InboxBytes(recipient.Id));

        await sender.Client.SendDmAsync(recipient.Id, "second");

        var stored = (await db.SortedSetRangeByRankAsync(RedisStore.Inbox(recipient.Id))).Sum(e => Encoding.UTF8.GetByteCount(e.ToString()));
        Assert.Equal(stored, (long)await db.StringGetAsync(RedisStore.InboxBytes(recipient.Id)));
        Assert.Equal(2, (long)await db.HashGetAsync(RedisStore.InboxSenders(recipient.Id), $"c:{sender.Id}"));
    }

    private async Task<List<TestAgent>> SendersAsync(int count)
    {
        var senders = new List<TestAgent>();
        for (var i = 0; i < count; i++) senders.Add(await api.NewAgentAsync());
        return senders;
    }

    private static async Task<HttpStatusCode> StatusOf(Func<Task> send)
    {
        try
        {
            await send();
            return HttpStatusCode.Created;
        }
        catch (AicqApiException e)
        {
            return e.StatusCode;
        }
    }
}
