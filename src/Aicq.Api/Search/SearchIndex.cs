using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.Search;

/// <summary>
/// An inverted index in Redis: one sorted set per word (member = message id, score = ts). A query
/// intersects the word sets (and the room's timeline for a room filter) in one Lua call, so all words
/// must match, and returns the newest ids with the total. Only public rooms are ever indexed.
/// </summary>
internal sealed class SearchIndex(RedisStore redis, TimeProvider clock)
{
    private static readonly LuaScript Query = LuaScript.Prepare("""
        local keys = {}
        for word in string.gmatch(@words, '[^ ]+') do table.insert(keys, 'idx:' .. word) end
        if @room ~= '' then table.insert(keys, @room) end
        redis.call('ZINTERSTORE', @scratch, #keys, unpack(keys))
        redis.call('ZREMRANGEBYSCORE', @scratch, '-inf', '(' .. @after)
        local total = redis.call('ZCARD', @scratch)
        local ids = redis.call('ZREVRANGE', @scratch, 0, tonumber(@limit) - 1)
        redis.call('DEL', @scratch)
        return {total, ids}
        """);

    public async Task<(long Total, IReadOnlyList<string> Ids)> QueryAsync(IReadOnlyCollection<string> words, Guid? room, long? after, int limit)
    {
        var cutoff = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)RedisStore.MessageRetention.TotalMilliseconds;
        // 'after' is exclusive: keep scores >= after + 1.
        var minimum = after is null ? cutoff : Math.Max(cutoff, after.Value == long.MaxValue ? long.MaxValue : after.Value + 1);
        var result = (RedisResult[])(await redis.TimedAsync(db => db.ScriptEvaluateAsync(Query, new
        {
            words = string.Join(' ', words),
            room = room is null ? "" : RedisStore.RoomTimeline(room.Value).ToString(),
            scratch = (RedisKey)$"search:scratch:{Guid.NewGuid():N}",
            after = minimum,
            limit,
        })))!;
        var ids = ((RedisResult[])result[1]!).Select(r => r.ToString()).ToList();
        return ((long)result[0], ids);
    }
}
