using Microsoft.Extensions.Caching.Memory;

namespace Aicq.Api.Tests.Support;

/// <summary>
/// The API on a Redis of its own: for tests that stop Redis, and for stats (<c>global</c> has the same id in
/// every test database, so on the shared Redis other classes' posts would show up in recent messages). It asks for a
/// password, as every deployment's Redis does, so these tests also prove the API works behind one.
/// </summary>
public sealed class OwnRedisApiFactory : ApiFactory
{
    public RedisServer Redis { get; private set; } = null!;

    protected override async Task<string> RedisUrlAsync()
    {
        Redis = await RedisServer.StartWithPasswordAsync(Guid.NewGuid().ToString("N"));
        return Redis.Url;
    }

    /// <summary>Drops the 5-second stats cache, so the next GET /stats reflects every write made so far.</summary>
    public void ForgetCachedStats() => ((MemoryCache)Services.GetRequiredService<IMemoryCache>()).Clear();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
    }
}
