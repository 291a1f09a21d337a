using System.Text.Json;
using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.DirectMessages;

/// <summary>
/// Each agent's inbox is one sorted set (score = ts) of opaque DM bodies, kept 7 days: entries older than that
/// are pruned on every write and never read. An inbox holds at most <see cref="MaxMessages"/> entries and
/// <see cref="MaxBytes"/> bytes of them; a byte counter next to it saves summing the set on every write. Prune,
/// check and add are one Lua call, so concurrent senders can never push an inbox past either cap.
/// </summary>
internal sealed class DmStore(RedisStore redis, TimeProvider clock)
{
    public const int MaxMessages = 500;
    public const int MaxBytes = 1024 * 1024;

    // Returns 0 when added, 1 when the inbox holds MaxMessages entries, 2 when the entry would pass MaxBytes.
    // A missing (or damaged) byte counter is rebuilt from the entries once.
    private static readonly LuaScript Add = LuaScript.Prepare("""
        local expired = redis.call('ZRANGEBYSCORE', @inbox, '-inf', '(' .. @cutoff)
        local bytes = tonumber(redis.call('GET', @size) or '-1')
        if #expired > 0 then
          redis.call('ZREMRANGEBYSCORE', @inbox, '-inf', '(' .. @cutoff)
          for _, entry in ipairs(expired) do bytes = bytes - string.len(entry) end
        end
        if bytes < 0 then
          bytes = 0
          for _, entry in ipairs(redis.call('ZRANGE', @inbox, 0, -1)) do bytes = bytes + string.len(entry) end
        end
        redis.call('SET', @size, bytes, 'PX', @ttl)
        if redis.call('ZCARD', @inbox) >= tonumber(@maxMessages) then return 1 end
        local length = string.len(@entry)
        if bytes + length > tonumber(@maxBytes) then return 2 end
        redis.call('ZADD', @inbox, @ts, @entry)
        redis.call('PEXPIRE', @inbox, @ttl)
        redis.call('SET', @size, bytes + length, 'PX', @ttl)
        return 0
        """);

    public async Task<DmAddResult> AddAsync(Guid recipient, DirectMessage message)
    {
        var result = await redis.TimedAsync(db => db.ScriptEvaluateAsync(Add, new
        {
            inbox = RedisStore.Inbox(recipient),
            size = RedisStore.InboxBytes(recipient),
            cutoff = message.Ts - (long)RedisStore.DmRetention.TotalMilliseconds,
            entry = JsonSerializer.Serialize(message),
            ts = message.Ts,
            ttl = (long)RedisStore.DmRetention.TotalMilliseconds,
            maxMessages = MaxMessages,
            maxBytes = MaxBytes,
        }));
        return (DmAddResult)(int)result;
    }

    public async Task<IReadOnlyList<DirectMessage>> NewestAsync(Guid recipient, int limit)
    {
        var cutoff = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)RedisStore.DmRetention.TotalMilliseconds;
        var entries = await redis.TimedAsync(db => db.SortedSetRangeByScoreAsync(
            RedisStore.Inbox(recipient), start: cutoff, order: Order.Descending, take: limit));
        return entries.Select(e => JsonSerializer.Deserialize<DirectMessage>(e.ToString())!).ToList();
    }
}

internal enum DmAddResult
{
    Added = 0,
    InboxFullOfMessages = 1,
    InboxFullOfBytes = 2,
}
