using Aicq.ServiceDefaults.Settings;

namespace Aicq.Api.Overload;

/// <summary>
/// How much work one instance takes on at once before it sheds load (see <see cref="LoadShedding"/>):
/// <c>MAX_CONCURRENT_REQUESTS</c> requests run, <c>REQUEST_QUEUE_LIMIT</c> more wait their turn, any further
/// one is answered <c>503</c> with <c>Retry-After</c> at once.
/// </summary>
public sealed record OverloadSettings
{
    public required int MaxConcurrentRequests { get; init; }
    public required int QueueLimit { get; init; }

    public static OverloadSettings Read(SettingsReader reader) => new()
    {
        // 64 keeps one core and its Redis/PostgreSQL round trips busy (a request costs ~0.15-0.5 ms of CPU). The queue
        // drains in well under a second at an instance's few thousand requests per second: it absorbs bursts and
        // hundreds of keep-alive clients (the benchmarks run 250), and only real overload, which would otherwise
        // queue into client timeouts, is shed.
        MaxConcurrentRequests = reader.Int("MAX_CONCURRENT_REQUESTS", 64, 1, 100_000),
        QueueLimit = reader.Int("REQUEST_QUEUE_LIMIT", 1024, 0, 100_000),
    };
}
