namespace Aicq.Edge.RateLimiting;

/// <summary>
/// The same budgets, violations and blocks in this process's memory, used while Redis is unreachable: each
/// edge instance then limits on its own (a client may get up to N times its budget across N instances), which
/// is never unlimited and never an outage.
/// </summary>
internal sealed class MemoryLimiterBackend(BlockSettings blocks, TimeProvider time) : ILimiterBackend
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SlidingLog> _logs = [];
    private readonly Dictionary<string, (long BlockedAt, long Until)> _blocks = [];
    private long _nextSweep;

    /// <summary>Decides and charges under one lock, so concurrent requests never both take a budget's last request.</summary>
    public Task<CheckResult> CheckAsync(LimitCheck check)
    {
        lock (_gate)
        {
            var now = Now();
            Sweep(now);
            if (!check.Exempt && BlockRemaining(check.Ip, now) is { } remaining) return Task.FromResult(CheckResult.Blocked(remaining));
            var states = new List<BucketState>();
            for (var i = 0; i < check.Buckets.Count; i++)
            {
                var bucket = check.Buckets[i];
                var log = Log(bucket.Key, bucket.Window, now);
                var state = State(bucket, log, now);
                if (log.Count >= bucket.Limit)
                {
                    var blockedNow = !check.Exempt && Violation(check.Ip, now);
                    return Task.FromResult(new CheckResult(Verdict.Limited, [state], i, blockedNow));
                }
                states.Add(state);
            }
            for (var i = 0; i < check.Buckets.Count; i++)
            {
                if (!check.Buckets[i].Charge) continue;
                var log = _logs[check.Buckets[i].Key];
                log.Add(now, check.Member);
                states[i] = State(check.Buckets[i], log, now);
            }
            return Task.FromResult(new CheckResult(Verdict.Allowed, states));
        }
    }

    public Task<BucketState> MoveAsync(Bucket from, Bucket to, string member)
    {
        lock (_gate)
        {
            var now = Now();
            var at = _logs.TryGetValue(from.Key, out var reserved) ? reserved.Remove(member) : null;
            var log = Log(to.Key, to.Window, now);
            log.Add(at ?? now, member);
            return Task.FromResult(State(to, log, now));
        }
    }

    public Task<IReadOnlyList<BlockEntry>> ListBlocksAsync()
    {
        lock (_gate)
        {
            var now = Now();
            IReadOnlyList<BlockEntry> entries = _blocks
                .Where(b => b.Value.Until > now)
                .Select(b => new BlockEntry(b.Key, DateTimeOffset.FromUnixTimeMilliseconds(b.Value.BlockedAt), DateTimeOffset.FromUnixTimeMilliseconds(b.Value.Until)))
                .ToList();
            return Task.FromResult(entries);
        }
    }

    public Task<bool> UnblockAsync(string ip)
    {
        lock (_gate)
        {
            _logs.Remove(ViolationKey(ip));
            return Task.FromResult(_blocks.Remove(ip, out var block) && block.Until > Now());
        }
    }

    /// <summary>A block made here while Redis was away; it stays in force after Redis returns.</summary>
    public TimeSpan? BlockRemaining(string ip)
    {
        lock (_gate) return BlockRemaining(ip, Now());
    }

    private TimeSpan? BlockRemaining(string ip, long now) =>
        _blocks.TryGetValue(ip, out var block) && block.Until > now ? TimeSpan.FromMilliseconds(block.Until - now) : null;

    private bool Violation(string ip, long now)
    {
        var log = Log(ViolationKey(ip), blocks.Window, now);
        log.Add(now, "");
        if (log.Count < blocks.Threshold) return false;
        _blocks[ip] = (now, now + (long)blocks.Duration.TotalMilliseconds);
        _logs.Remove(ViolationKey(ip));
        return true;
    }

    private SlidingLog Log(string key, TimeSpan window, long now)
    {
        if (!_logs.TryGetValue(key, out var log)) _logs[key] = log = new SlidingLog((long)window.TotalMilliseconds);
        log.Trim(now);
        return log;
    }

    private static BucketState State(Bucket bucket, SlidingLog log, long now) =>
        new(bucket.Limit, log.Count, TimeSpan.FromMilliseconds(log.Count == 0 ? bucket.Window.TotalMilliseconds : log.Oldest + bucket.Window.TotalMilliseconds - now));

    // Budgets of clients that went quiet would otherwise pile up for as long as Redis stays away.
    private void Sweep(long now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + 60_000;
        foreach (var (key, log) in _logs.ToList())
        {
            log.Trim(now);
            if (log.Count == 0) _logs.Remove(key);
        }
        foreach (var ip in _blocks.Where(b => b.Value.Until <= now).Select(b => b.Key).ToList()) _blocks.Remove(ip);
    }

    private static string ViolationKey(string ip) => "violations:" + ip;

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
