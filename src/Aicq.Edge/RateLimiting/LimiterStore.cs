using System.Net.Sockets;
using Aicq.Edge.Telemetry;
using StackExchange.Redis;

namespace Aicq.Edge.RateLimiting;

/// <summary>
/// Decides on Redis while it answers, and in memory the moment it does not: never unlimited, never an outage.
/// While in fallback, requests skip Redis entirely (no timeout per request) and a probe pings it every two
/// seconds; the first answer switches back. Both switches are logged and shown as aicq_ratelimit_fallback_active.
/// </summary>
internal sealed partial class LimiterStore(RedisLimiterBackend redis, MemoryLimiterBackend memory, ILogger<LimiterStore> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);
    private volatile bool _fallback;

    public async Task<CheckResult> CheckAsync(LimitCheck check)
    {
        if (!check.Exempt && memory.BlockRemaining(check.Ip) is { } remaining) return CheckResult.Blocked(remaining);
        return await OnRedisOrMemory(backend => backend.CheckAsync(check));
    }

    public Task<BucketState> MoveAsync(Bucket from, Bucket to, string member) => OnRedisOrMemory(backend => backend.MoveAsync(from, to, member));

    /// <summary>Blocks from Redis (when it answers) and from memory (made during a fallback), latest expiry first.</summary>
    public async Task<IReadOnlyList<BlockEntry>> ListBlocksAsync()
    {
        var all = new List<BlockEntry>(await memory.ListBlocksAsync());
        try
        {
            all.AddRange(await redis.ListBlocksAsync());
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            EnterFallback(e);
        }
        return all.GroupBy(b => b.Ip).Select(g => g.MaxBy(b => b.ExpiresAt)!).OrderByDescending(b => b.ExpiresAt).ToList();
    }

    /// <summary>Lifts a block in memory and in Redis; throws while Redis is away, since its blocks return with it.</summary>
    public async Task<bool> UnblockAsync(string ip)
    {
        var lifted = await memory.UnblockAsync(ip);
        try
        {
            return await redis.UnblockAsync(ip) || lifted;
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            EnterFallback(e);
            throw new BlockStoreUnavailableException(e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ProbeInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!_fallback) continue;
            try
            {
                await redis.PingAsync();
                _fallback = false;
                EdgeMetrics.FallbackActive.Set(0);
                LogRecovered(logger);
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                // Still away; the next tick tries again.
            }
        }
    }

    private async Task<T> OnRedisOrMemory<T>(Func<ILimiterBackend, Task<T>> decide)
    {
        if (!_fallback)
        {
            try
            {
                return await decide(redis);
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                EnterFallback(e);
            }
        }
        return await decide(memory);
    }

    private void EnterFallback(Exception e)
    {
        if (_fallback) return;
        _fallback = true;
        EdgeMetrics.FallbackActive.Set(1);
        LogFallback(logger, e.GetType().Name);
    }

    private static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException or SocketException or ObjectDisposedException;

    [LoggerMessage(EventName = "ratelimit_fallback_active", Level = LogLevel.Error,
        Message = "Redis is unreachable ({exception_type}); rate limits and blocks now run in this instance's memory")]
    private static partial void LogFallback(ILogger logger, string exception_type);

    [LoggerMessage(EventName = "ratelimit_fallback_ended", Level = LogLevel.Warning, Message = "Redis answers again; rate limits are shared across edge instances again")]
    private static partial void LogRecovered(ILogger logger);
}

/// <summary>Redis holds blocks that cannot be lifted while it is unreachable.</summary>
internal sealed class BlockStoreUnavailableException(Exception inner) : Exception("Redis is unreachable", inner);
