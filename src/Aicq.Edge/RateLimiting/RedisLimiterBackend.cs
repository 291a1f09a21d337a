using StackExchange.Redis;

namespace Aicq.Edge.RateLimiting;

/// <summary>
/// Budgets, violations and blocks in Redis, shared by every edge instance: one script per decision, on Redis's
/// clock. Budgets are sorted sets of request times (a sliding-window log: exact at any instant, at most
/// <c>limit</c> entries per key), expiring with their window.
/// </summary>
internal sealed class RedisLimiterBackend(IConnectionMultiplexer redis, BlockSettings blocks) : ILimiterBackend
{
    private const string Prefix = "aicq:edge:";
    private const string BlockPrefix = Prefix + "block:";
    private const string BlockIndex = Prefix + "blocks";
    private static readonly RedisScript Check = RedisScript.Embedded("check.lua");
    private static readonly RedisScript Move = RedisScript.Embedded("move.lua");
    private static readonly RedisScript ListBlocks = RedisScript.Embedded("list-blocks.lua");

    private IDatabase Database => redis.GetDatabase();

    public async Task<CheckResult> CheckAsync(LimitCheck check)
    {
        var keys = new List<RedisKey> { BlockPrefix + check.Ip, Prefix + "violations:" + check.Ip, BlockIndex };
        var values = new List<RedisValue>
        {
            check.Member, check.Exempt ? "1" : "0", check.Ip,
            (long)blocks.Window.TotalMilliseconds, blocks.Threshold, (long)blocks.Duration.TotalMilliseconds,
        };
        foreach (var bucket in check.Buckets)
        {
            keys.Add(Prefix + "rl:" + bucket.Key);
            values.Add(bucket.Limit);
            values.Add((long)bucket.Window.TotalMilliseconds);
            values.Add(bucket.Charge ? "1" : "0");
        }
        var result = (RedisResult[])(await Check.EvaluateAsync(Database, [.. keys], [.. values]))!;
        var code = (int)result[0];
        if (code == 2) return CheckResult.Blocked(Ms(result[1]));
        if (code == 1)
        {
            var index = (int)result[1] - 1;
            var state = new BucketState(check.Buckets[index].Limit, (int)result[2], Ms(result[3]));
            return new CheckResult(Verdict.Limited, [state], index, BlockedNow: (int)result[4] == 1);
        }
        var states = check.Buckets.Select((b, i) => new BucketState(b.Limit, (int)result[1 + 2 * i], Ms(result[2 + 2 * i]))).ToList();
        return new CheckResult(Verdict.Allowed, states);
    }

    public async Task<BucketState> MoveAsync(Bucket from, Bucket to, string member)
    {
        RedisKey[] keys = [Prefix + "rl:" + from.Key, Prefix + "rl:" + to.Key];
        var result = (RedisResult[])(await Move.EvaluateAsync(Database, keys, [member, (long)to.Window.TotalMilliseconds]))!;
        return new BucketState(to.Limit, (int)result[0], Ms(result[1]));
    }

    public async Task<IReadOnlyList<BlockEntry>> ListBlocksAsync()
    {
        var result = (RedisResult[])(await ListBlocks.EvaluateAsync(Database, [BlockIndex], [BlockPrefix]))!;
        var now = DateTimeOffset.FromUnixTimeMilliseconds((long)result[0]);
        var entries = new List<BlockEntry>();
        for (var i = 1; i + 2 < result.Length; i += 3)
        {
            var blockedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)result[i + 1]);
            entries.Add(new BlockEntry((string)result[i]!, blockedAt, now + Ms(result[i + 2])));
        }
        return entries;
    }

    public async Task<bool> UnblockAsync(string ip)
    {
        var transaction = Database.CreateTransaction();
        var removed = transaction.KeyDeleteAsync(BlockPrefix + ip);
        _ = transaction.SortedSetRemoveAsync(BlockIndex, ip);
        _ = transaction.KeyDeleteAsync(Prefix + "violations:" + ip);
        await transaction.ExecuteAsync();
        return await removed;
    }

    public Task PingAsync() => Database.PingAsync();

    private static TimeSpan Ms(RedisResult value) => TimeSpan.FromMilliseconds(Math.Max(0, (long)value));
}
