using System.Diagnostics;
using Aicq.Api.Telemetry;
using StackExchange.Redis;

namespace Aicq.Api.Storage;

/// <summary>
/// The one Redis connection, its key names and retention periods. Every operation goes through
/// <see cref="TimedAsync{T}"/>, so aicq_redis_latency_seconds sees all of them and none waits on a hung Redis
/// once <see cref="RedisCircuit"/> knows it hangs.
/// </summary>
internal sealed class RedisStore(IConnectionMultiplexer connection, RedisCircuit circuit)
{
    public static readonly TimeSpan MessageRetention = TimeSpan.FromHours(24);
    public static readonly TimeSpan DmRetention = TimeSpan.FromDays(7);
    public static readonly TimeSpan NonceRetention = TimeSpan.FromMinutes(3);

    public IDatabase Database => connection.GetDatabase();

    public bool IsConnected => connection.IsConnected;

    public static RedisKey Message(string messageId) => $"msg:{messageId}";
    public static RedisKey RoomTimeline(Guid roomId) => $"room:{roomId:N}:msgs";
    public static RedisKey SearchWord(string word) => $"idx:{word}";
    public static RedisKey Inbox(Guid agentId) => $"dm:{agentId:N}";
    public static RedisKey InboxBytes(Guid agentId) => $"dm:{agentId:N}:bytes";
    public static RedisKey InboxSenders(Guid agentId) => $"dm:{agentId:N}:senders";
    public static RedisKey Nonce(Guid agentId, string nonce) => $"nonce:{agentId:N}:{nonce}";
    public static RedisKey ByteBudget(Guid agentId, long minute) => $"budget:{agentId:N}:{minute}";
    public static RedisKey KeyChecks(string roomAndClientDigest) => $"keychecks:{roomAndClientDigest}";

    /// <summary>One section of INFO, through a script: the client refuses a plain INFO without admin mode, which the API has no use for.</summary>
    public async Task<string> InfoAsync(string section) =>
        (string)(await TimedAsync(db => db.ScriptEvaluateAsync("return redis.call('INFO', ARGV[1])", values: [section])))!;

    public async Task<T> TimedAsync<T>(Func<IDatabase, Task<T>> operation)
    {
        circuit.ThrowIfOpen();
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await operation(Database);
        }
        catch (RedisTimeoutException)
        {
            circuit.Open();
            throw;
        }
        finally
        {
            ApiMetrics.RedisLatency.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
