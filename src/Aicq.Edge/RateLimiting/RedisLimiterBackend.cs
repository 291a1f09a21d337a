using StackExchange.Redis;

namespace Aicq.Edge.RateLimiting;

/// <summary>
/// Budgets, violations and blocks in Redis, shared by every edge instance: one script per decision and cluster
/// slot, on Redis's clock. Budgets are sorted sets of request times (a sliding-window log: exact at any instant, at
/// most <c>limit</c> entries per key), expiring with their window. An address's block, violations and budgets share
/// its slot (hash tag {ip}), an agent's budgets the agent's ({agent id}), so a request claiming an agent costs two
/// calls: the address's (check.lua), then, if that allows it, the agent's (budgets.lua).
/// </summary>
internal sealed class RedisLimiterBackend(IConnectionMultiplexer redis, BlockSettings blocks) : ILimiterBackend
{
    private const string Prefix = "aicq:edge:";
    private const string BlockPrefix = Prefix + "block:";
    private static readonly RedisScript Check = RedisScript.Embedded("check.lua");
    private static readonly RedisScript Budgets = RedisScript.Embedded("budgets.lua");
    private static readonly RedisScript Move = RedisScript.Embedded("move.lua");

    private IDatabase Database => redis.GetDatabase();

    public async Task<CheckResult> CheckAsync(LimitCheck check)
    {
        var address = Positions(check, agent: false);
        var agent = Positions(check, agent: true);
        var result = await AddressAsync(check, address, refusedElsewhere: false);
        if (result.Verdict != Verdict.Allowed || agent.Count == 0) return Placed(result, address, check.Buckets.Count);

        var charged = (RedisResult[])(await Budgets.EvaluateAsync(Database, Keys(check, agent), [check.Member, .. BudgetValues(check, agent)]))!;
        if ((int)charged[0] == 1)
        {
            var index = agent[(int)charged[1] - 1];
            var state = new BucketState(check.Buckets[index].Limit, (int)charged[2], Ms(charged[3]));
            var violation = await AddressAsync(check, [], refusedElsewhere: true);
            return new CheckResult(Verdict.Limited, [state], index, violation.BlockedNow);
        }
        var states = new BucketState[check.Buckets.Count];
        Place(result.States, address, states);
        Place(agent.Select((b, i) => new BucketState(check.Buckets[b].Limit, (int)charged[1 + 2 * i], Ms(charged[2 + 2 * i]))).ToList(), agent, states);
        return new CheckResult(Verdict.Allowed, states);
    }

    /// <summary>
    /// Moves the reservation in two calls, one per slot: out of the reserved budget (keeping its time), then into
    /// the paying one at that time. Between the two the entry is in neither: at worst one request goes uncounted.
    /// </summary>
    public async Task<BucketState> MoveAsync(Bucket from, Bucket to, string member)
    {
        var transaction = Database.CreateTransaction();
        var reservedAt = transaction.SortedSetScoreAsync(Budget(from), member);
        _ = transaction.SortedSetRemoveAsync(Budget(from), member);
        await transaction.ExecuteAsync();
        var at = await reservedAt is { } score ? ((long)score).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var result = (RedisResult[])(await Move.EvaluateAsync(Database, [Budget(to)], [member, (long)to.Window.TotalMilliseconds, at]))!;
        return new BucketState(to.Limit, (int)result[0], Ms(result[1]));
    }

    /// <summary>Every primary's block keys (a SCAN per primary: a cluster spreads the addresses over all of them).</summary>
    public async Task<IReadOnlyList<BlockEntry>> ListBlocksAsync()
    {
        var entries = new List<BlockEntry>();
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            var now = await server.TimeAsync();
            await foreach (var key in server.KeysAsync(Database.Database, BlockPrefix + "{*}", pageSize: 1000))
            {
                var blockedAt = Database.StringGetAsync(key);
                var remaining = await Database.KeyTimeToLiveAsync(key);
                if (remaining is not { } ttl || !long.TryParse((string?)await blockedAt, out var at)) continue;
                var ip = key.ToString()[(BlockPrefix.Length + 1)..^1];
                entries.Add(new BlockEntry(ip, DateTimeOffset.FromUnixTimeMilliseconds(at), new DateTimeOffset(now, TimeSpan.Zero) + ttl));
            }
        }
        return entries;
    }

    public async Task<bool> UnblockAsync(string ip)
    {
        var transaction = Database.CreateTransaction();
        var removed = transaction.KeyExistsAsync(Block(ip));
        _ = transaction.KeyDeleteAsync([Block(ip), Violations(ip)]);
        await transaction.ExecuteAsync();
        return await removed;
    }

    public Task PingAsync() => Database.PingAsync();

    // The hash tag is the address or the agent: BudgetPlanner writes it into the bucket's key.
    private static RedisKey Block(string ip) => BlockPrefix + "{" + ip + "}";

    private static RedisKey Violations(string ip) => Prefix + "violations:{" + ip + "}";

    private static RedisKey Budget(Bucket bucket) => Prefix + "rl:" + bucket.Key;

    /// <summary>The address's call: block, violations and the address's budgets (or, refused elsewhere, only the violation).</summary>
    private async Task<CheckResult> AddressAsync(LimitCheck check, List<int> budgets, bool refusedElsewhere)
    {
        RedisKey[] keys = [Block(check.Ip), Violations(check.Ip), .. Keys(check, budgets)];
        RedisValue[] values =
        [
            check.Member, check.Exempt ? "1" : "0",
            (long)blocks.Window.TotalMilliseconds, blocks.Threshold, (long)blocks.Duration.TotalMilliseconds, refusedElsewhere ? "1" : "0",
            .. BudgetValues(check, budgets),
        ];
        var result = (RedisResult[])(await Check.EvaluateAsync(Database, keys, values))!;
        var code = (int)result[0];
        if (code == 2) return CheckResult.Blocked(Ms(result[1]));
        if (code == 1)
        {
            var index = (int)result[1] - 1;
            var state = new BucketState(index < 0 ? 0 : check.Buckets[budgets[index]].Limit, (int)result[2], Ms(result[3]));
            return new CheckResult(Verdict.Limited, [state], index, BlockedNow: (int)result[4] == 1);
        }
        return new CheckResult(Verdict.Allowed, budgets.Select((b, i) => new BucketState(check.Buckets[b].Limit, (int)result[1 + 2 * i], Ms(result[2 + 2 * i]))).ToList());
    }

    /// <summary>The address call's result with its bucket positions turned back into the check's.</summary>
    private static CheckResult Placed(CheckResult result, List<int> positions, int count)
    {
        if (result.Verdict == Verdict.Limited) return result with { LimitedIndex = positions[result.LimitedIndex] };
        if (result.Verdict == Verdict.Blocked || positions.Count == count) return result;
        var states = new BucketState[count];
        Place(result.States, positions, states);
        return result with { States = states };
    }

    private static void Place(IReadOnlyList<BucketState> states, List<int> positions, BucketState[] into)
    {
        for (var i = 0; i < positions.Count; i++) into[positions[i]] = states[i];
    }

    private static List<int> Positions(LimitCheck check, bool agent) =>
        [.. Enumerable.Range(0, check.Buckets.Count).Where(i => check.Buckets[i].Scope == "agent" == agent)];

    private static RedisKey[] Keys(LimitCheck check, List<int> budgets) => [.. budgets.Select(i => Budget(check.Buckets[i]))];

    private static IEnumerable<RedisValue> BudgetValues(LimitCheck check, List<int> budgets) =>
        budgets.SelectMany(i => new RedisValue[] { check.Buckets[i].Limit, (long)check.Buckets[i].Window.TotalMilliseconds, check.Buckets[i].Charge ? "1" : "0" });

    private static TimeSpan Ms(RedisResult value) => TimeSpan.FromMilliseconds(Math.Max(0, (long)value));
}
