using System.Net;
using System.Text;
using Aicq.Api.DirectMessages;
using Aicq.Api.Storage;
using Aicq.Api.Tests.Support;
using Aicq.Client;
using Aicq.Testing;
using StackExchange.Redis;

namespace Aicq.Api.Tests.DirectMessages;

/// <summary>An inbox holds at most 500 DMs and 1 MiB of them; past either cap the sender gets 422, even when racing.</summary>
public sealed class InboxCapTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() =>
        _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{(await SharedServers.RedisAsync()).Port}");

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task SendDm_ConcurrentlyPastTheMessageCap_AcceptsExactlyUpToTheCap()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        const int prefilled = DmStore.MaxMessages - 20;
        for (var batch = 0; batch < prefilled; batch += 40)
            await Task.WhenAll(Enumerable.Range(batch, Math.Min(40, prefilled - batch)).Select(i => sender.Client.SendDmAsync(recipient.Id, $"m{i}")));

        var racing = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => StatusOf(() => sender.Client.SendDmAsync(recipient.Id, $"r{i}"))));

        Assert.Equal(20, racing.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(40, racing.Count(s => s == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(DmStore.MaxMessages, await _redis.GetDatabase().SortedSetLengthAsync(RedisStore.Inbox(recipient.Id)));
        var refused = await Assert.ThrowsAsync<AicqApiException>(() => sender.Client.SendDmAsync(recipient.Id, "one more"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("recipient inbox is full (500 messages)", refused.Error);
    }

    [Fact]
    public async Task SendDm_PastTheByteCap_Returns422AndKeepsTheInboxUnderIt()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var body = new string('b', 8000);
        var accepted = 0;
        AicqApiException? refused = null;
        while (refused is null && accepted < DmStore.MaxMessages)
        {
            try
            {
                await sender.Client.SendDmAsync(recipient.Id, body);
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
        Assert.Equal(26, (await sender.Client.SendDmAsync(recipient.Id, "short")).Id.Length);
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
