namespace Aicq.Edge.RateLimiting;

/// <summary>One sliding-window budget to look at; <see cref="Charge"/> spends one request from it when all budgets have room.</summary>
internal sealed record Bucket(string Key, int Limit, TimeSpan Window, bool Charge, string Scope);

/// <summary>
/// Everything one request needs decided before it is forwarded: whether its address is blocked, and whether
/// its budgets have room. <see cref="Exempt"/> (allow-listed) addresses are never blocked and never collect violations.
/// <see cref="Member"/> names this request's entry in every budget it charges, so a reservation can be moved later.
/// </summary>
internal sealed record LimitCheck(string Ip, bool Exempt, IReadOnlyList<Bucket> Buckets)
{
    public string Member { get; init; } = Guid.NewGuid().ToString("N");
}

/// <summary>A budget after the request: <see cref="Count"/> requests in the window, the oldest leaving it in <see cref="ResetIn"/>.</summary>
internal sealed record BucketState(int Limit, int Count, TimeSpan ResetIn)
{
    public int Remaining => Math.Max(0, Limit - Count);
}

internal enum Verdict { Allowed, Limited, Blocked }

/// <summary>
/// The decision: for <see cref="Verdict.Allowed"/> the state of each bucket (charged or looked at), for
/// <see cref="Verdict.Limited"/> the bucket that ran out (and whether this violation blocked the address),
/// for <see cref="Verdict.Blocked"/> how long the block still lasts.
/// </summary>
internal sealed record CheckResult(Verdict Verdict, IReadOnlyList<BucketState> States, int LimitedIndex = -1, bool BlockedNow = false, TimeSpan BlockedFor = default)
{
    public static CheckResult Blocked(TimeSpan remaining) => new(Verdict.Blocked, [], BlockedFor: remaining);
}

internal sealed record BlockEntry(string Ip, DateTimeOffset BlockedAt, DateTimeOffset ExpiresAt);

/// <summary>Where budgets, violations and blocks live: Redis (shared by every edge instance) or this process's memory.</summary>
internal interface ILimiterBackend
{
    Task<CheckResult> CheckAsync(LimitCheck check);
    /// <summary>Moves this request's entry (<paramref name="member"/>) from one budget to another, keeping its time.</summary>
    Task<BucketState> MoveAsync(Bucket from, Bucket to, string member);
    Task<IReadOnlyList<BlockEntry>> ListBlocksAsync();
    Task<bool> UnblockAsync(string ip);
}
