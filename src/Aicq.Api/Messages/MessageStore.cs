using Aicq.Api.Search;
using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.Messages;

/// <summary>
/// Room messages in Redis: each message under its own key (O(1) lookup by room and id, 24 h TTL) and a per-room
/// timeline sorted by timestamp for paging, both in the room's cluster slot and written in one MULTI; then, for
/// public rooms only, the search index (at most <see cref="SearchWords.MaxIndexedWords"/> words per message).
/// </summary>
internal sealed class MessageStore(RedisStore redis, SearchIndex index, TimeProvider clock)
{
    public async Task AddAsync(StoredMessage message, IReadOnlyCollection<string> searchWords)
    {
        var retention = RedisStore.MessageRetention;
        var cutoff = message.Ts - (long)retention.TotalMilliseconds;
        var timeline = RedisStore.RoomTimeline(message.RoomId);
        await InOneTransactionAsync(transaction =>
        [
            transaction.StringSetAsync(RedisStore.Message(message.RoomId, message.Id), message.ToJson(), retention),
            transaction.SortedSetAddAsync(timeline, message.Id, message.Ts),
            transaction.KeyExpireAsync(timeline, retention),
            transaction.SortedSetRemoveRangeByScoreAsync(timeline, double.NegativeInfinity, cutoff, Exclude.Stop),
        ]);
        // After the message: an index entry never points at a message not yet written.
        await index.AddAsync(message.RoomId, message.Id, message.Ts, searchWords);
    }

    public async Task<StoredMessage?> FindAsync(Guid roomId, string messageId)
    {
        var json = await redis.TimedAsync(db => db.StringGetAsync(RedisStore.Message(roomId, messageId)));
        return StoredMessage.FromJson(json);
    }

    /// <summary>
    /// The messages still there, in the order asked for: one MGET per room (a room's messages share a slot), the
    /// rooms at once. A message deleted or expired since its id was read is simply skipped.
    /// </summary>
    public async Task<IReadOnlyList<StoredMessage>> FindManyAsync(IReadOnlyList<IndexedMessage> wanted)
    {
        if (wanted.Count == 0) return [];
        var byRoom = wanted.GroupBy(m => m.RoomId).ToList();
        var found = await redis.TimedAsync(db => Task.WhenAll(byRoom.Select(room =>
            db.StringGetAsync(room.Select(m => RedisStore.Message(room.Key, m.Id)).ToArray()))));
        var messages = byRoom.SelectMany((room, i) => found[i].Select(json => StoredMessage.FromJson(json))).OfType<StoredMessage>()
            .ToDictionary(m => (m.RoomId, m.Id));
        return wanted.Select(m => messages.GetValueOrDefault((m.RoomId, m.Id))).OfType<StoredMessage>().ToList();
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
        var page = ids.Take(limit).Select(id => new IndexedMessage(roomId, id.ToString())).ToList();
        return (await FindManyAsync(page), ids.Length > limit);
    }

    public async Task DeleteAsync(StoredMessage message)
    {
        await InOneTransactionAsync(transaction =>
        [
            transaction.KeyDeleteAsync(RedisStore.Message(message.RoomId, message.Id)),
            transaction.SortedSetRemoveAsync(RedisStore.RoomTimeline(message.RoomId), message.Id),
        ]);
        // After the message: if this fails, the stale entry finds nothing when hits are read.
        await index.RemoveAsync(message.RoomId, message.Id, SearchWords.Indexed(message.Body));
    }

    private Task<bool> InOneTransactionAsync(Func<ITransaction, Task[]> writes) =>
        redis.TimedAsync(async db =>
        {
            var transaction = db.CreateTransaction();
            var pending = writes(transaction);
            await transaction.ExecuteAsync();
            await Task.WhenAll(pending);
            return true;
        });
}
