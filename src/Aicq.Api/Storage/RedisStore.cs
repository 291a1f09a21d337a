using System.Buffers.Text;
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

    // Hash tags ({...}) put what one MULTI or script touches in one Redis Cluster slot: a room's messages with its
    // timeline, an agent's nonces with its byte budget, and the whole search index (an AND query intersects its
    // words in one script). An inbox keeps its pre-cluster name, which its companions carry as their tag, so
    // inboxes (7 days) survive the change of layout. Layout and reasons: docs/architecture.md#redis-keys.
    public static RedisKey Message(Guid roomId, string messageId) => $"msg:{{{roomId:N}}}:{messageId}";
    public static RedisKey RoomTimeline(Guid roomId) => $"room:{{{roomId:N}}}:msgs";
    public static RedisKey SearchWord(string word) => $"{{idx}}:{word}";
    public static RedisKey SearchScratch(Guid query) => $"search:scratch:{{idx}}:{query:N}";
    public static RedisKey Inbox(Guid agentId) => $"dm:{agentId:N}";
    public static RedisKey InboxBytes(Guid agentId) => $"{{dm:{agentId:N}}}:bytes";
    public static RedisKey InboxSenders(Guid agentId) => $"{{dm:{agentId:N}}}:senders";
    public static RedisKey Nonce(Guid agentId, string nonce) => $"nonce:{{{agentId:N}}}:{nonce}";
    public static RedisKey ByteBudget(Guid agentId, long minute) => $"budget:{{{agentId:N}}}:{minute}";
    public static RedisKey KeyChecks(string roomAndClientDigest) => $"keychecks:{{{roomAndClientDigest}}}";

    /// <summary>
    /// A search index member: the room (22 characters of base64url, the shortest text of a UUID: one index entry per
    /// word makes it the index's main cost) then the message id, so a hit finds its message key and its room.
    /// </summary>
    public static RedisValue SearchEntry(Guid roomId, string messageId) => SearchRoomPrefix(roomId) + messageId;

    public static string SearchRoomPrefix(Guid roomId) => Base64Url.EncodeToString(roomId.ToByteArray());

    /// <summary>The room and message id of a search index member, or null for anything else.</summary>
    public static (Guid RoomId, string MessageId)? ParseSearchEntry(string entry)
    {
        Span<byte> room = stackalloc byte[16];
        return entry.Length > SearchRoomLength && Base64Url.TryDecodeFromChars(entry.AsSpan(0, SearchRoomLength), room, out var written) && written == 16
            ? (new Guid(room), entry[SearchRoomLength..])
            : null;
    }

    private const int SearchRoomLength = 22;

    /// <summary>
    /// One section of INFO from every primary (a cluster's memory is per node, and each refuses writes to its own
    /// slots when full), through a script: the client refuses a plain INFO without admin mode, which the API has no
    /// use for. None while no primary is connected.
    /// </summary>
    public Task<string[]> InfoOfEveryPrimaryAsync(string section) =>
        TimedAsync(_ => Task.WhenAll(connection.GetServers().Where(s => s.IsConnected && !s.IsReplica)
            .Select(async server => (string)(await server.ExecuteAsync("EVAL", "return redis.call('INFO', ARGV[1])", 0, section))!)));

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
