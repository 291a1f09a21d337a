using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Aicq.Api.Storage;
using StackExchange.Redis;

namespace Aicq.Api.Rooms;

/// <summary>
/// At most <see cref="Checks"/> slow key checks per private room per client address in <see cref="Window"/>, counted
/// in Redis (so every instance shares them) before the hash runs. One Lua call increments and reads the counter, so
/// concurrent guesses cannot all slip under the limit. The counter's name is a hash of room and client: bounded, and
/// it names neither. The client is the address the API sees (the edge's X-Forwarded-For, trusted from
/// TRUSTED_PROXIES only); an IPv6 client counts by its /64, which one host usually owns whole.
/// While Redis is unavailable the check fails like every other Redis call of the route (503): no hash runs unlimited.
/// </summary>
internal sealed class KeyGuessLimit(RedisStore redis)
{
    public const int Checks = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    // Returns {count after this check, milliseconds until the window ends}; the first check opens the window.
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        local ttl = redis.call('PTTL', @key)
        if ttl < 0 then
          redis.call('PEXPIRE', @key, @window)
          ttl = tonumber(@window)
        end
        return {count, ttl}
        """);

    /// <summary>Takes one check; returns null when it may run, else the seconds until the client may try again.</summary>
    public async Task<int?> TryTakeAsync(Guid roomId, IPAddress? client)
    {
        var result = (RedisResult[])(await redis.TimedAsync(db => db.ScriptEvaluateAsync(Take, new
        {
            key = Key(roomId, client),
            window = (long)Window.TotalMilliseconds,
        })))!;
        if ((long)result[0] <= Checks) return null;
        return (int)Math.Max(1, ((long)result[1] + 999) / 1000);
    }

    // Only a counter that still exists: a DECR after the window ended would leave a key without a TTL.
    private static readonly LuaScript Give = LuaScript.Prepare("""
        if redis.call('EXISTS', @key) == 1 then redis.call('DECR', @key) end
        return 0
        """);

    /// <summary>Gives a check back: the key was right (and is now remembered), or no hash ran.</summary>
    public Task ReturnAsync(Guid roomId, IPAddress? client) =>
        redis.TimedAsync(db => db.ScriptEvaluateAsync(Give, new { key = Key(roomId, client) }));

    private static RedisKey Key(Guid roomId, IPAddress? client)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{roomId:N}|{ClientOf(client)}"));
        return RedisStore.KeyChecks(Convert.ToHexStringLower(digest.AsSpan(0, 16)));
    }

    private static string ClientOf(IPAddress? client)
    {
        if (client is null) return "unknown";
        if (client.IsIPv4MappedToIPv6) return client.MapToIPv4().ToString();
        if (client.AddressFamily != AddressFamily.InterNetworkV6) return client.ToString();
        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
