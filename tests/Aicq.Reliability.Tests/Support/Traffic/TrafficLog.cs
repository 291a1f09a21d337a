namespace Aicq.Reliability.Tests.Support.Traffic;

/// <summary>One request as the traffic saw it; times are offsets from the start of the traffic.</summary>
public sealed record TrafficRecord(TrafficKind Kind, TimeSpan Sent, TimeSpan Latency, int Status, bool HasRetryAfter, string? Error)
{
    public TimeSpan Completed => Sent + Latency;

    public bool Succeeded => Status is >= 200 and < 300;

    public bool IsServerFault => ServerFault.Is(Status);
}

/// <summary>What every suite counts as the server's fault: a 5xx other than 503, or no answer at all (status 0: a reset,
/// or a hang past the client's timeout). A 503 is the appliance saying "unavailable, retry", which the suites allow.</summary>
public static class ServerFault
{
    public static bool Is(int status) => status is 0 or (>= 500 and not 503);
}

/// <summary>An acknowledged (2xx) write: it must be readable afterwards.</summary>
public sealed record AcknowledgedWrite(Guid Room, string MessageId, TimeSpan Sent);

/// <summary>Everything the traffic did, for the suites' assertions; filled by the load generator's observer hook.</summary>
public sealed class TrafficLog : IResponseObserver
{
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly ConcurrentQueue<TrafficRecord> _records = new();
    private readonly ConcurrentQueue<AcknowledgedWrite> _writes = new();

    /// <summary>Time since the traffic started.</summary>
    public TimeSpan Now => Stopwatch.GetElapsedTime(_origin);

    public IReadOnlyList<TrafficRecord> Records => [.. _records];

    public IReadOnlyList<AcknowledgedWrite> Writes => [.. _writes];

    /// <summary>Records that were sent within [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<TrafficRecord> Between(TimeSpan from, TimeSpan to) =>
        _records.Where(r => r.Sent >= from && r.Sent < to).ToList();

    bool IResponseObserver.WantsBody(HttpRequestMessage request) =>
        request.Options.TryGetValue(MixedRequests.KindKey, out var kind) && kind == TrafficKind.Write;

    void IResponseObserver.Observe(RequestOutcome outcome)
    {
        var kind = outcome.Request.Options.TryGetValue(MixedRequests.KindKey, out var k) ? k : TrafficKind.Read;
        var sent = Stopwatch.GetElapsedTime(_origin, outcome.Started);
        var latency = Stopwatch.GetElapsedTime(outcome.Started, outcome.Ended);
        var retryAfter = outcome.Response?.Headers.RetryAfter is not null;
        _records.Enqueue(new TrafficRecord(kind, sent, latency, outcome.Status, retryAfter, outcome.Error));
        if (kind == TrafficKind.Write && outcome.Status is >= 200 and < 300 && outcome.Body is { Length: > 0 } body
            && outcome.Request.Options.TryGetValue(MixedRequests.RoomKey, out var room))
        {
            using var json = JsonDocument.Parse(body);
            _writes.Enqueue(new AcknowledgedWrite(room, json.RootElement.GetProperty("id").GetString()!, sent));
        }
    }
}
