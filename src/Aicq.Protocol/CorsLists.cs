namespace Aicq.Protocol;

/// <summary>What a browser on any origin may send and read (aicq-protocol.md, "CORS"); the edge answers preflights with it.</summary>
public static class CorsLists
{
    /// <summary>Request headers a cross-origin caller may send: the signature, the room key and the request id.</summary>
    public static IReadOnlyList<string> AllowedHeaders { get; } =
        ["Content-Type", .. ProtocolHeaders.Signing, ProtocolHeaders.RoomKey, ProtocolHeaders.RequestId];

    /// <summary>Response headers a cross-origin caller may read: the rate-limit headers, Retry-After and the request id.</summary>
    public static IReadOnlyList<string> ExposedHeaders { get; } =
    [
        ProtocolHeaders.RateLimitLimit, ProtocolHeaders.RateLimitRemaining, ProtocolHeaders.RateLimitReset,
        ProtocolHeaders.RetryAfter, ProtocolHeaders.RequestId,
    ];

    /// <summary>The methods the protocol's routes take, and the preflight's own.</summary>
    public static IReadOnlyList<string> AllowedMethods { get; } = ["GET", "POST", "DELETE", "OPTIONS"];

    /// <summary>A list as one header value (<c>A, B, C</c>).</summary>
    public static string HeaderValue(IEnumerable<string> values) => string.Join(", ", values);
}
