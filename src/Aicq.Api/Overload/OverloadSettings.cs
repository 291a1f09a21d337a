using Aicq.ServiceDefaults.Settings;

namespace Aicq.Api.Overload;

/// <summary>
/// How much work one instance takes on before it sheds load (see <see cref="LoadShedding"/>): the concurrency limit
/// adapts between <c>MIN_CONCURRENT_REQUESTS</c> and <c>MAX_CONCURRENT_REQUESTS</c>; at most <c>REQUEST_QUEUE_LIMIT</c>
/// requests wait, none longer than <c>REQUEST_QUEUE_DEADLINE_MS</c>; once the queue's delay has stayed above
/// <c>REQUEST_QUEUE_TARGET_MS</c> for a while, anonymous reads are refused on arrival.
/// </summary>
public sealed record OverloadSettings
{
    public required int MinConcurrentRequests { get; init; }
    public required int MaxConcurrentRequests { get; init; }
    public required int QueueLimit { get; init; }
    public required TimeSpan QueueDeadline { get; init; }
    public required TimeSpan QueueTarget { get; init; }

    public static OverloadSettings Read(SettingsReader reader)
    {
        // 64 keeps one core and its Redis/PostgreSQL round trips busy (a request costs ~0.15-0.5 ms of CPU); the limit
        // only falls below it when latency says the instance is past its knee.
        var max = reader.Int("MAX_CONCURRENT_REQUESTS", 64, 1, 100_000);
        var min = reader.Int("MIN_CONCURRENT_REQUESTS", Math.Min(8, max), 1, 100_000);
        if (min > max) reader.Fail("MIN_CONCURRENT_REQUESTS", $"must not exceed MAX_CONCURRENT_REQUESTS ({max}) (got '{min}')");
        // A waiting request is worth serving for a quarter of a second: later, its client has likely given up or retried.
        var deadline = reader.Int("REQUEST_QUEUE_DEADLINE_MS", 250, 1, 60_000);
        // CoDel's classic target is 5 % of its interval (100 ms); a few milliseconds of queue absorbs a burst, a standing
        // queue above it is overload.
        var target = reader.Int("REQUEST_QUEUE_TARGET_MS", 10, 1, 60_000);
        if (target > deadline) reader.Fail("REQUEST_QUEUE_TARGET_MS", $"must not exceed REQUEST_QUEUE_DEADLINE_MS ({deadline}) (got '{target}')");
        return new OverloadSettings
        {
            MinConcurrentRequests = Math.Min(min, max),
            MaxConcurrentRequests = max,
            // The count bound only bounds memory; the deadline is what bounds waiting.
            QueueLimit = reader.Int("REQUEST_QUEUE_LIMIT", 1024, 0, 100_000),
            QueueDeadline = TimeSpan.FromMilliseconds(deadline),
            QueueTarget = TimeSpan.FromMilliseconds(Math.Min(target, deadline)),
        };
    }
}
