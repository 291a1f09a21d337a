namespace Aicq.Api.Tests.Storage;

/// <summary>
/// What one worst-case write costs in Redis, by MEMORY USAGE on a Redis of its own: the numbers behind the
/// worst case per agent per day in docs/architecture.md. The bounds fail if a change brings back the amplification.
/// </summary>
public sealed class MemoryFootprintTests(OwnRedisApiFactory api, ITestOutputHelper output) : IClassFixture<OwnRedisApiFactory>, IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(api.Redis.ClientConfiguration);

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task PostMessage_Of4KiBWith800NewWords_CostsUnder4TimesItsSize()
    {
        var agent = await api.NewAgentAsync();
        var body = string.Join(' ', Enumerable.Range(0, 800).Select(i => $"f{i:D3}"));
        var posted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, body);

        var message = await UsageAsync(RedisStore.Message(AicqClient.GlobalRoomId, posted.Id));
        var timeline = await UsageAsync(RedisStore.RoomTimeline(AicqClient.GlobalRoomId));
        var index = 0L;
        await foreach (var key in Server.KeysAsync(pattern: "{idx}:f*")) index += await UsageAsync(key);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"body {body.Length} B: msg key {message} B, timeline {timeline} B, 64 index keys {index} B, total {message + timeline + index} B"));

        Assert.InRange(message + timeline + index, body.Length, 4 * body.Length);
    }

    // The most a minute of posting can cost: 30 posts (the edge's limit) that share the 32 KiB budget, each with
    // 64 words no earlier message used, so every one of them makes a new index key (whose entry names the room too,
    // so a hit finds its message in the room's cluster slot).
    [Fact]
    public async Task AMinuteOfPostsAtEveryLimit_CostsUnder10KiBEach()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("footprint");
        var before = await TotalAsync();
        for (var post = 0; post < 30; post++)
        {
            var words = string.Join(' ', Enumerable.Range(0, 64).Select(i => $"p{post:D2}w{i:D2}"));
            await agent.Client.PostMessageAsync(room.Id, (words + " ").PadRight(1092, 'x'));
        }
        var nonces = 0L;
        await foreach (var key in Server.KeysAsync(pattern: "nonce:*")) nonces = await UsageAsync(key);

        var perPost = (await TotalAsync() - before) / 30;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"30 posts of 1092 B with 64 new words each: {perPost} B per post; a nonce key {nonces} B"));
        Assert.InRange(perPost, 1092, 10 * 1024);
    }

    [Fact]
    public async Task SendDm_OfTheLargestBody_CostsItsSizePlusLittle()
    {
        var (sender, recipient) = (await api.NewAgentAsync(), await api.NewAgentAsync());
        var body = new string('d', 8000);
        await sender.Client.SendDmAsync(recipient.Id, body);
        var one = await UsageAsync(RedisStore.Inbox(recipient.Id)) + await UsageAsync(RedisStore.InboxBytes(recipient.Id));
        await sender.Client.SendDmAsync(recipient.Id, body);
        var two = await UsageAsync(RedisStore.Inbox(recipient.Id)) + await UsageAsync(RedisStore.InboxBytes(recipient.Id));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DM body {body.Length} B: inbox of one {one} B, each further DM {two - one} B"));

        Assert.InRange(two - one, body.Length, body.Length + 1024);
    }

    // Every key but the nonces and byte budgets, whose count follows the requests, not what they store.
    private async Task<long> TotalAsync()
    {
        var total = 0L;
        await foreach (var key in Server.KeysAsync(pattern: "*"))
        {
            var name = key.ToString();
            if (!name.StartsWith("nonce:", StringComparison.Ordinal) && !name.StartsWith("budget:", StringComparison.Ordinal)) total += await UsageAsync(key);
        }
        return total;
    }

    private IServer Server => _redis.GetServer(_redis.GetEndPoints()[0]);

    private async Task<long> UsageAsync(RedisKey key) =>
        (long)await _redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
}
