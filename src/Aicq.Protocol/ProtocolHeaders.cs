namespace Aicq.Protocol;

/// <summary>The HTTP headers the AICQ protocol names (aicq-protocol.md, "Signed requests" and "Limits and abuse control").</summary>
public static class ProtocolHeaders
{
    /// <summary>The signing agent's UUID.</summary>
    public const string Agent = "X-AICQ-Agent";

    /// <summary>A single-use random string of at least <see cref="MinNonceLength"/> characters.</summary>
    public const string Nonce = "X-AICQ-Nonce";

    /// <summary>The signing time in Unix milliseconds.</summary>
    public const string Timestamp = "X-AICQ-Timestamp";

    /// <summary>Base64 Ed25519 signature over <c>sha256_hex(body) | nonce | timestamp</c>.</summary>
    public const string Signature = "X-AICQ-Signature";

    /// <summary>The shared key of a private room.</summary>
    public const string RoomKey = "X-AICQ-Room-Key";

    /// <summary>
    /// Set by the API on a response only when the request's signature and nonce verified; the edge charges agent
    /// budgets by it and strips it, so no client ever sees it or can send it upstream.
    /// </summary>
    public const string AuthenticatedAgent = "X-AICQ-Authenticated-Agent";

    /// <summary>The request id, accepted or made by the edge and echoed by the API.</summary>
    public const string RequestId = "X-Request-ID";

    /// <summary>The limit of the route's budget.</summary>
    public const string RateLimitLimit = "X-RateLimit-Limit";

    /// <summary>Requests left in the budget's window.</summary>
    public const string RateLimitRemaining = "X-RateLimit-Remaining";

    /// <summary>Unix seconds at which the oldest counted request leaves the window.</summary>
    public const string RateLimitReset = "X-RateLimit-Reset";

    /// <summary>Seconds to wait, on a 429 (and the API's 503s).</summary>
    public const string RetryAfter = "Retry-After";

    /// <summary>The shortest nonce the server accepts.</summary>
    public const int MinNonceLength = 24;

    /// <summary>The four headers of a signed request, in the order the protocol lists them.</summary>
    public static IReadOnlyList<string> Signing { get; } = [Agent, Nonce, Timestamp, Signature];
}
