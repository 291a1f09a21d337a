using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.Search;

/// <summary>A search hit before hydration: the message's room and id (the room names its key).</summary>
internal sealed record IndexedMessage(Guid RoomId, string Id);

/// <summary>
/// An inverted index in Redis: one sorted set per word (member = room and message id, score = ts), all in one
/// cluster slot so a query intersects its words in one Lua call: all words must match, a room filter keeps that
/// room's members, and the newest come back with the total. Only public rooms are ever indexed. The index is
/// written after the message and removed after it (its own MULTI, since the message lives in its room's slot):
/// a hit whose message is gone is skipped when hits are read, so the index may lag a deletion but never shows it.
/// </summary>
internal sealed class SearchIndex(RedisStore redis, TimeProvider clock)
{
    // KEYS: the words' sets, then the scratch set (last). ARGV: 1 room prefix ('' for every room), 2 min score, 3 limit.
    private const string Query = """
        local scratch = KEYS[#KEYS]
        redis.call('ZINTERSTORE', scratch, #KEYS - 1, unpack(KEYS, 1, #KEYS - 1))
        redis.call('ZREMRANGEBYSCORE', scratch, '-inf', '(' .. ARGV[2])
        local limit = tonumber(ARGV[3])
        local total, ids = 0, {}
        if ARGV[1] == '' then
          total = redis.call('ZCARD', scratch)
          ids = redis.call('ZREVRANGE', scratch, 0, limit - 1)
        else
          for _, id in ipairs(redis.call('ZREVRANGE', scratch, 0, -1)) do
            if string.sub(id, 1, #ARGV[1]) == ARGV[1] then
              total = total + 1
              if #ids < limit then ids[#ids + 1] = id end
            end
          end
        end
        redis.call('DEL', scratch)
        return {total, ids}
        """;

    public async Task AddAsync(Guid roomId, string messageId, long ts, IReadOnlyCollection<string> words)
    {
        var retention = RedisStore.MessageRetention;
        var cutoff = ts - (long)retention.TotalMilliseconds;
        var entry = RedisStore.SearchEntry(roomId, messageId);
        await InOneTransactionAsync(words, (transaction, index) =>
        [
            transaction.SortedSetAddAsync(index, entry, ts),
            transaction.KeyExpireAsync(index, retention),
            transaction.SortedSetRemoveRangeByScoreAsync(index, double.NegativeInfinity, cutoff, Exclude.Stop),
        ]);
    }

    public Task<bool> RemoveAsync(Guid roomId, string messageId, IReadOnlyCollection<string> words)
    {
        var entry = RedisStore.SearchEntry(roomId, messageId);
        return InOneTransactionAsync(words, (transaction, index) => [transaction.SortedSetRemoveAsync(index, entry)]);
    }

    public async Task<(long Total, IReadOnlyList<IndexedMessage> Hits)> QueryAsync(IReadOnlyCollection<string> words, Guid? room, long? after, int limit)
    {
        var cutoff = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)RedisStore.MessageRetention.TotalMilliseconds;
        // 'after' is exclusive: keep scores >= after + 1.
        var minimum = after is null ? cutoff : Math.Max(cutoff, after.Value == long.MaxValue ? long.MaxValue : after.Value + 1);
        RedisKey[] keys = [.. words.Select(RedisStore.SearchWord), RedisStore.SearchScratch(Guid.NewGuid())];
        var prefix = room is null ? "" : RedisStore.SearchRoomPrefix(room.Value);
        var result = (RedisResult[])(await redis.TimedAsync(db => db.ScriptEvaluateAsync(Query, keys, [prefix, minimum, limit])))!;
        var hits = ((RedisResult[])result[1]!).Select(r => RedisStore.ParseSearchEntry(r.ToString()))
            .OfType<(Guid RoomId, string MessageId)>().Select(e => new IndexedMessage(e.RoomId, e.MessageId)).ToList();
        return ((long)result[0], hits);
    }

    private Task<bool> InOneTransactionAsync(IReadOnlyCollection<string> words, Func<ITransaction, RedisKey, Task[]> perWord) =>
        words.Count == 0 ? Task.FromResult(true) : redis.TimedAsync(async db =>
        {
            var transaction = db.CreateTransaction();
            var writes = words.SelectMany(word => perWord(transaction, RedisStore.SearchWord(word))).ToList();
            await transaction.ExecuteAsync();
            await Task.WhenAll(writes);
            return true;
        });
}
