using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.Messages;

/// <summary>
/// At most 32 KiB of message bytes per agent per minute, as a sliding window (the previous minute's
/// count weighted by how much of it still overlaps the window), checked and charged in one Lua call.
/// </summary>
internal sealed partial class ByteBudget(RedisStore redis, TimeProvider clock, ILogger<ByteBudget> logger)
{
    public const int BytesPerMinute = 32 * 1024;

    // Returns -1 when the bytes were charged, else the milliseconds until they would fit: either the
    // previous minute's weight must shrink enough, or (if this minute alone is too full) the next minute
    // must begin and this one's weight shrink in turn.
    private static readonly LuaScript Charge = LuaScript.Prepare("""
        local current = tonumber(redis.call('GET', @current) or '0')
        local previous = tonumber(redis.call('GET', @previous) or '0')
        local elapsed = tonumber(@elapsed)
        local bytes = tonumber(@bytes)
        local limit = tonumber(@limit)
        local used = current + previous * (60000 - elapsed) / 60000
        if used + bytes <= limit then
          redis.call('INCRBY', @current, bytes)
          redis.call('PEXPIRE', @current, 120000)
          return -1
        end
        if current + bytes <= limit then
          return math.ceil(60000 * (1 - (limit - bytes - current) / previous)) - elapsed
        end
        return 60000 - elapsed + math.ceil(60000 * (1 - (limit - bytes) / current))
        """);

    /// <summary>Charges the bytes if they fit; otherwise returns the seconds to wait before retrying.</summary>
    public async Task<int?> TryChargeAsync(Guid agentId, int bytes)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var minute = now / 60_000;
        var elapsed = now % 60_000;
        var result = await redis.TimedAsync(db => db.ScriptEvaluateAsync(Charge, new
        {
            current = RedisStore.ByteBudget(agentId, minute),
            previous = RedisStore.ByteBudget(agentId, minute - 1),
            elapsed,
            bytes,
            limit = BytesPerMinute,
        }));
        var waitMs = (long)result;
        if (waitMs < 0) return null;
        var retryAfter = (int)Math.Max(1, (waitMs + 999) / 1000);
        LogExceeded(logger, agentId, bytes, retryAfter);
        return retryAfter;
    }

    [LoggerMessage(EventName = "rate_limited", Level = LogLevel.Warning, Message = "Message byte budget exceeded by agent {agent} ({bytes} bytes; retry after {retry_after_seconds} s)")]
    private static partial void LogExceeded(ILogger logger, Guid agent, int bytes, int retry_after_seconds);
}
