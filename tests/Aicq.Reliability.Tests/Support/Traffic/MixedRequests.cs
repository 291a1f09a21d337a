namespace Aicq.Reliability.Tests.Support.Traffic;

/// <summary>
/// The load generator's (Aicq.Testing/Load) request source for the reliability suites: reads, searches and signed writes in the
/// proportions of a <see cref="TrafficMix"/>, spread over a few public rooms and agents. Writes are signed as
/// they are taken (a fault test runs for minutes; pre-signed timestamps would go stale), with the signer's
/// clock, which a test may skew. Each request carries its <see cref="TrafficKind"/> and, for writes, its room.
/// </summary>
internal sealed class MixedRequests : IRequestSource
{
    public static readonly HttpRequestOptionsKey<TrafficKind> KindKey = new("aicq.reliability.kind");
    public static readonly HttpRequestOptionsKey<Guid> RoomKey = new("aicq.reliability.room");

    private static readonly string[] Words = ["deploy", "shard", "cache", "queue", "retry", "build", "index", "token", "agent", "plan"];

    private readonly TrafficMix _mix;
    private readonly Guid[] _rooms;
    private readonly RequestSigner[] _signers;
    private long _sequence = -1;
    private volatile bool _stopped;

    public MixedRequests(TrafficMix mix, IReadOnlyList<Guid> rooms, IReadOnlyList<AgentIdentity> agents, TimeProvider? clock = null)
    {
        _mix = mix;
        _rooms = [.. rooms];
        _signers = agents.Select(a => new RequestSigner(a, clock)).ToArray();
    }

    /// <summary>From now on <see cref="Next"/> returns null: each connection finishes its request in flight and stops.</summary>
    public void Stop() => _stopped = true;

    public HttpRequestMessage? Next()
    {
        if (_stopped) return null;
        var n = Interlocked.Increment(ref _sequence);
        var kind = _mix.KindOf(n);
        var room = _rooms[n % _rooms.Length];
        var request = kind switch
        {
            TrafficKind.Read => new HttpRequestMessage(HttpMethod.Get, $"room/{room:D}?limit=20"),
            TrafficKind.Search => new HttpRequestMessage(HttpMethod.Get, $"find?q={Words[n % Words.Length]}"),
            _ => PresignedPosts.Build(PresignedPost.Sign(_signers[n % _signers.Length], new Uri($"room/{room:D}", UriKind.Relative), Body(n))),
        };
        request.Options.Set(KindKey, kind);
        request.Options.Set(RoomKey, room);
        return request;
    }

    private static byte[] Body(long n) =>
        JsonSerializer.SerializeToUtf8Bytes(new { body = $"{Words[n % Words.Length]} reliability write {n}" });
}
