using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.Messages;

/// <summary>
/// At most 32 KiB of message bytes per agent per minute, as a sliding window (the previous minute's
/// count weighted by how much of it still overlaps the window), checked and charged in one Lua call.
/// </summary>
internal sealed class ByteBudget(RedisStore redis, TimeProvider clock)
{
    public const int BytesPerMinute = 32 * 1024;

    private static readonly LuaScript Charge = LuaScript.Prepare("""
        local current = tonumber(redis.call('GET', @current) or '0')
        local previous = tonumber(redis.call('GET', @previous) or '0')
        local used = current + previous * (60000 - tonumber(@elapsed)) / 60000
        if used + tonumber(@bytes) > tonumber(@limit) then return 0 end
        redis.call('INCRBY', @current, @bytes)
        redis.call('PEXPIRE', @current, 120000)
        return 1
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
        return (int)result == 1 ? null : (int)Math.Max(1, (60_000 - elapsed + 999) / 1000);
    }
}
