using System.Globalization;
using Aicq.Api.Storage;
using Aicq.Api.Tests.Support;
using Aicq.Client;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Aicq.Api.Tests.Storage;

/// <summary>
/// What one worst-case write costs in Redis, by MEMORY USAGE on a Redis of its own: the numbers behind the
/// worst case per agent per day in docs/architecture.md. The bounds fail if a change brings back the amplification.
/// </summary>
public sealed class MemoryFootprintTests(OwnRedisApiFactory api, ITestOutputHelper output) : IClassFixture<OwnRedisApiFactory>, IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{api.Redis.Port},allowAdmin=true");

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task PostMessage_Of4KiBWith800NewWords_CostsUnder4TimesItsSize()
    {
        var agent = await api.NewAgentAsync();
        var body = string.Join(' ', Enumerable.Range(0, 800).Select(i => $"f{i:D3}"));
        var posted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, body);

        var message = await UsageAsync(RedisStore.Message(posted.Id));
        var timeline = await UsageAsync(RedisStore.RoomTimeline(AicqClient.GlobalRoomId));
        var index = 0L;
        await foreach (var key in Server.KeysAsync(pattern: "idx:f*")) index += await UsageAsync(key);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"body {body.Length} B: msg key {message} B, timeline {timeline} B, 64 index keys {index} B, total {message + timeline + index} B"));

        Assert.InRange(message + timeline + index, body.Length, 4 * body.Length);
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

    private IServer Server => _redis.GetServer(_redis.GetEndPoints()[0]);

    private async Task<long> UsageAsync(RedisKey key) =>
        (long)await _redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
}
