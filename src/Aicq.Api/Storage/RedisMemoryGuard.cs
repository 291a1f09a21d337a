using System.Globalization;
using Aicq.Api.Errors;
using Aicq.Api.Telemetry;
using StackExchange.Redis;

namespace Aicq.Api.Storage;

/// <summary>
/// Keeps headroom in Redis for security state. Redis runs <c>noeviction</c> (an evicting policy could drop nonces,
/// which have TTLs and so are eviction candidates under every allkeys-* and volatile-* policy), so a full Redis
/// refuses every write, the nonce of every signed request included. Content is the only unbounded writer; once
/// used memory crosses the high-water mark the API refuses new messages and DMs (503 with Retry-After) and keeps
/// serving everything else. INFO memory is read at most every <see cref="CheckInterval"/>, by one request at a time;
/// the others use the last reading.
/// </summary>
internal sealed partial class RedisMemoryGuard(RedisStore redis, RedisMemorySettings settings, TimeProvider clock, ILogger<RedisMemoryGuard> logger)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);
    public const string Message = "message storage is full; try again later";
    public const string RetryAfterSeconds = "60";

    private readonly SemaphoreSlim _reading = new(1, 1);
    private Reading _last = new(DateTimeOffset.MinValue, false);

    /// <summary>True while new messages and DMs must be refused.</summary>
    public async Task<bool> IsFullAsync()
    {
        var last = _last;
        if (clock.GetUtcNow() - last.At < CheckInterval || !_reading.Wait(0)) return last.Full;
        try
        {
            _last = await ReadAsync();
            return _last.Full;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>The answer to a refused write: <c>503 {"error": "message storage is full; try again later"}</c>.</summary>
    public static IResult Refusal(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return ApiError.Of(StatusCodes.Status503ServiceUnavailable, Message);
    }

    private async Task<Reading> ReadAsync()
    {
        var at = clock.GetUtcNow();
        string[] infos;
        try
        {
            infos = await redis.InfoOfEveryPrimaryAsync("memory");
        }
        catch (RedisException)
        {
            // Redis is away: the write that asked fails on its own with a 503; nothing to guard.
            return new Reading(at, false);
        }
        // The fullest primary decides: on a cluster, one full node is enough to refuse the writes that land on it.
        var (used, limit) = infos
            .Select(info => (Used: Field(info, "used_memory"), Limit: settings.LimitBytesOverride > 0 ? settings.LimitBytesOverride : Field(info, "maxmemory")))
            .OrderByDescending(node => node.Limit > 0 ? (double)node.Used / node.Limit : 0)
            .FirstOrDefault();
        var full = limit > 0 && used * 100 >= limit * settings.HighWaterPercent;
        ApiMetrics.RedisMemoryFull.Set(full ? 1 : 0);
        if (full != _last.Full) LogChanged(logger, full, used, limit, settings.HighWaterPercent);
        return new Reading(at, full);
    }

    private static long Field(string info, string name)
    {
        foreach (var line in info.Split('\n'))
        {
            var parts = line.TrimEnd('\r').Split(':', 2);
            if (parts.Length == 2 && parts[0] == name && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return value;
        }
        return 0;
    }

    private sealed record Reading(DateTimeOffset At, bool Full);

    [LoggerMessage(EventName = "redis_memory_high_water", Level = LogLevel.Warning,
        Message = "Redis memory past the high-water mark: {full} (used {used_bytes} of {limit_bytes} bytes, mark {percent} %); new messages and DMs are refused while it is")]
    private static partial void LogChanged(ILogger logger, bool full, long used_bytes, long limit_bytes, int percent);
}
