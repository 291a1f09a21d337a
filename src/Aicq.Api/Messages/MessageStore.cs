using Aicq.Api.Search;
using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.Messages;

/// <summary>
/// Room messages in Redis: each message under its own key (O(1) lookup by id, 24 h TTL), a per-room
/// timeline sorted by timestamp for paging, and, for public rooms only, the search index (at most
/// <see cref="SearchWords.MaxIndexedWords"/> words per message).
/// </summary>
internal sealed class MessageStore(RedisStore redis, TimeProvider clock)
{
    public async Task AddAsync(StoredMessage message, IReadOnlyCollection<string> searchWords)
    {
        var retention = RedisStore.MessageRetention;
        var cutoff = message.Ts - (long)retention.TotalMilliseconds;
        var timeline = RedisStore.RoomTimeline(message.RoomId);
        await redis.TimedAsync(async db =>
        {
            var transaction = db.CreateTransaction();
            var writes = new List<Task>
            {
                transaction.StringSetAsync(RedisStore.Message(message.Id), message.ToJson(), retention),
                transaction.SortedSetAddAsync(timeline, message.Id, message.Ts),
                transaction.KeyExpireAsync(timeline, retention),
                transaction.SortedSetRemoveRangeByScoreAsync(timeline, double.NegativeInfinity, cutoff, Exclude.Stop),
            };
            foreach (var word in searchWords)
            {
                var index = RedisStore.SearchWord(word);
                writes.Add(transaction.SortedSetAddAsync(index, message.Id, message.Ts));
                writes.Add(transaction.KeyExpireAsync(index, retention));
                writes.Add(transaction.SortedSetRemoveRangeByScoreAsync(index, double.NegativeInfinity, cutoff, Exclude.Stop));
            }
            await transaction.ExecuteAsync();
            await Task.WhenAll(writes);
            return true;
        });
    }

    public async Task<StoredMessage?> FindAsync(string messageId)
    {
        var json = await redis.TimedAsync(db => db.StringGetAsync(RedisStore.Message(messageId)));
        return StoredMessage.FromJson(json);
    }

    public async Task<IReadOnlyList<StoredMessage>> FindManyAsync(IReadOnlyList<string> messageIds)
    {
        if (messageIds.Count == 0) return [];
        var keys = messageIds.Select(RedisStore.Message).ToArray();
        var values = await redis.TimedAsync(db => db.StringGetAsync(keys));
        // A message deleted or expired between the index read and this one is simply skipped.
        return values.Select(v => StoredMessage.FromJson(v)).OfType<StoredMessage>().ToList();
    }

    /// <summary>Newest first; <paramref name="before"/> is exclusive. Fetches one extra to answer has_more.</summary>
    public async Task<(IReadOnlyList<StoredMessage> Messages, bool HasMore)> PageAsync(Guid roomId, int limit, long? before)
    {
        var cutoff = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)RedisStore.MessageRetention.TotalMilliseconds;
        var ids = await redis.TimedAsync(db => db.SortedSetRangeByScoreAsync(
            RedisStore.RoomTimeline(roomId),
            start: cutoff,
            stop: before ?? double.PositiveInfinity,
            exclude: before is null ? Exclude.None : Exclude.Stop,
            order: Order.Descending,
            take: limit + 1));
        var page = ids.Take(limit).Select(id => id.ToString()).ToList();
        return (await FindManyAsync(page), ids.Length > limit);
    }

    public async Task DeleteAsync(StoredMessage message)
    {
        await redis.TimedAsync(async db =>
        {
            var transaction = db.CreateTransaction();
            var writes = new List<Task>
            {
                transaction.KeyDeleteAsync(RedisStore.Message(message.Id)),
                transaction.SortedSetRemoveAsync(RedisStore.RoomTimeline(message.RoomId), message.Id),
            };
            foreach (var word in SearchWords.Indexed(message.Body))
                writes.Add(transaction.SortedSetRemoveAsync(RedisStore.SearchWord(word), message.Id));
            await transaction.ExecuteAsync();
            await Task.WhenAll(writes);
            return true;
        });
    }
}
