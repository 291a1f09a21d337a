namespace Aicq.Api.Tests.Search;

/// <summary>
/// One message adds at most 64 words to the index: its first 64 distinct words. Counted on a Redis of its own,
/// so every {idx}:* key there comes from this class's posts.
/// </summary>
public sealed class IndexWordCapTests(OwnRedisApiFactory api) : IClassFixture<OwnRedisApiFactory>, IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(api.Redis.ClientConfiguration);

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task PostMessage_With800DistinctWords_IndexesOnlyItsFirst64()
    {
        var agent = await api.NewAgentAsync();
        var words = Enumerable.Range(0, 800).Select(i => $"w{i:D3}").ToList();
        var body = string.Join(' ', words);
        Assert.True(body.Length <= 4096);
        var posted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, body);

        var server = _redis.GetServer(_redis.GetEndPoints()[0]);
        var indexKeys = await server.KeysAsync(pattern: "{idx}:*").Select(k => k.ToString()).ToListAsync();

        Assert.Equal(words.Take(64).Select(w => RedisStore.SearchWord(w).ToString()).Order(), indexKeys.Order());
        Assert.Equal(posted.Id, Assert.Single((await agent.Client.FindAsync("w000 w063")).Results).Id);
        Assert.Empty((await agent.Client.FindAsync("w064")).Results);
    }

    [Fact]
    public async Task DeleteMessage_With800DistinctWords_LeavesNoIndexEntry()
    {
        var agent = await api.NewAgentAsync();
        var body = string.Join(' ', Enumerable.Range(0, 800).Select(i => $"d{i:D3}"));
        var posted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, body);

        await agent.Client.DeleteMessageAsync(AicqClient.GlobalRoomId, posted.Id);

        var server = _redis.GetServer(_redis.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: "{idx}:d*"))
            Assert.Null(await _redis.GetDatabase().SortedSetScoreAsync(key, posted.Id));
    }
}
