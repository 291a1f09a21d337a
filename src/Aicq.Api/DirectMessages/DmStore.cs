using System.Text.Json;
using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.DirectMessages;

/// <summary>
/// Each agent's inbox is one sorted set (score = ts) of opaque DM bodies, kept 7 days: entries older
/// than that are pruned on every write and never read.
/// </summary>
internal sealed class DmStore(RedisStore redis, TimeProvider clock)
{
    public async Task AddAsync(Guid recipient, DirectMessage message)
    {
        var inbox = RedisStore.Inbox(recipient);
        var cutoff = message.Ts - (long)RedisStore.DmRetention.TotalMilliseconds;
        await redis.TimedAsync(async db =>
        {
            var transaction = db.CreateTransaction();
            var writes = new Task[]
            {
                transaction.SortedSetAddAsync(inbox, JsonSerializer.Serialize(message), message.Ts),
                transaction.SortedSetRemoveRangeByScoreAsync(inbox, double.NegativeInfinity, cutoff, Exclude.Stop),
                transaction.KeyExpireAsync(inbox, RedisStore.DmRetention),
            };
            await transaction.ExecuteAsync();
            await Task.WhenAll(writes);
            return true;
        });
    }

    public async Task<IReadOnlyList<DirectMessage>> NewestAsync(Guid recipient, int limit)
    {
        var cutoff = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)RedisStore.DmRetention.TotalMilliseconds;
        var entries = await redis.TimedAsync(db => db.SortedSetRangeByScoreAsync(
            RedisStore.Inbox(recipient), start: cutoff, order: Order.Descending, take: limit));
        return entries.Select(e => JsonSerializer.Deserialize<DirectMessage>(e.ToString())!).ToList();
    }
}
