using System.Text.Json;
using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.DirectMessages;

/// <summary>
/// Each agent's inbox is one sorted set (score = ts) of opaque DM bodies, kept 7 days: entries older than that
/// are pruned on every write and never read. An inbox holds at most <see cref="MaxMessages"/> entries and
/// <see cref="MaxBytes"/> bytes of them, and one sender at most a fifth and a quarter of that, so no single agent
/// can fill someone's inbox and keep everyone else's DMs out for a week. A byte counter and a per-sender hash next
/// to the set save decoding it on every write. Prune, check and add are one Lua call, so concurrent senders can
/// never push an inbox past any cap.
/// </summary>
internal sealed class DmStore(RedisStore redis, TimeProvider clock)
{
    public const int MaxMessages = 2000;
    public const int MaxBytes = 1024 * 1024;
    public const int MaxMessagesPerSender = MaxMessages / 5;
    public const int MaxBytesPerSender = MaxBytes / 4;

    // Returns a DmAddResult. A missing (or damaged) byte counter rebuilds the counter and the sender hash once.
    private static readonly LuaScript Add = LuaScript.Prepare("""
        local function count(entry, sign)
          local from = cjson.decode(entry)['from']
          redis.call('HINCRBY', @senders, 'c:' .. from, sign)
          if tonumber(redis.call('HINCRBY', @senders, 'b:' .. from, sign * string.len(entry))) <= 0 then
            redis.call('HDEL', @senders, 'c:' .. from, 'b:' .. from)
          end
        end
        local expired = redis.call('ZRANGEBYSCORE', @inbox, '-inf', '(' .. @cutoff)
        local bytes = tonumber(redis.call('GET', @size) or '-1')
        if #expired > 0 then
          redis.call('ZREMRANGEBYSCORE', @inbox, '-inf', '(' .. @cutoff)
          for _, entry in ipairs(expired) do
            bytes = bytes - string.len(entry)
            if bytes >= 0 then count(entry, -1) end
          end
        end
        if bytes < 0 then
          bytes = 0
          redis.call('DEL', @senders)
          for _, entry in ipairs(redis.call('ZRANGE', @inbox, 0, -1)) do
            bytes = bytes + string.len(entry)
            count(entry, 1)
          end
        end
        redis.call('SET', @size, bytes, 'PX', @ttl)
        local length = string.len(@entry)
        if redis.call('ZCARD', @inbox) >= tonumber(@maxMessages) then return 1 end
        if bytes + length > tonumber(@maxBytes) then return 2 end
        if tonumber(redis.call('HGET', @senders, 'c:' .. @sender) or '0') >= tonumber(@maxSenderMessages) then return 3 end
        if tonumber(redis.call('HGET', @senders, 'b:' .. @sender) or '0') + length > tonumber(@maxSenderBytes) then return 4 end
        redis.call('ZADD', @inbox, @ts, @entry)
        count(@entry, 1)
        redis.call('SET', @size, bytes + length, 'PX', @ttl)
        redis.call('PEXPIRE', @inbox, @ttl)
        redis.call('PEXPIRE', @senders, @ttl)
        return 0
        """);

    public async Task<DmAddResult> AddAsync(Guid recipient, DirectMessage message)
    {
        var result = await redis.TimedAsync(db => db.ScriptEvaluateAsync(Add, new
        {
            inbox = RedisStore.Inbox(recipient),
            size = RedisStore.InboxBytes(recipient),
            senders = RedisStore.InboxSenders(recipient),
            sender = message.From.ToString(),
            cutoff = message.Ts - (long)RedisStore.DmRetention.TotalMilliseconds,
            entry = JsonSerializer.Serialize(message),
            ts = message.Ts,
            ttl = (long)RedisStore.DmRetention.TotalMilliseconds,
            maxMessages = MaxMessages,
            maxBytes = MaxBytes,
            maxSenderMessages = MaxMessagesPerSender,
            maxSenderBytes = MaxBytesPerSender,
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
    SenderShareOfMessages = 3,
    SenderShareOfBytes = 4,
}
