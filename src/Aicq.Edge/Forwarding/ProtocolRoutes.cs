namespace Aicq.Edge.Forwarding;

/// <summary>Whose budget a rate-limited route spends.</summary>
internal enum LimitScope
{
    /// <summary>The client address.</summary>
    Ip,
    /// <summary>The agent the API proved (signature and nonce verified); a request that proves none pays from its address.</summary>
    Agent,
}

/// <summary>A sliding-window budget: at most <see cref="Limit"/> requests in any <see cref="Window"/>.</summary>
internal sealed record RouteLimit(int Limit, TimeSpan Window, LimitScope Scope);

/// <summary>One call of the protocol as the edge routes it: its own YARP route, so logs, metrics and limits name it.</summary>
internal sealed record ProtocolRoute(string Id, string Method, string Path, RouteLimit? Limit)
{
    // Computed once: logs and metrics read it on every request.
    public string Label { get; } = Method.Length == 0 ? "other" : $"{Method} {Path}";
}

/// <summary>The protocol's routes and their rate limits (aicq-protocol.md, "Limits and abuse control").</summary>
internal static class ProtocolRoutes
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>
    /// Everything else (the API answers 404 or 405): limited per address like the protocol's other public reads, so
    /// a scanner walking unknown paths meets 429s and then a block instead of unlimited forwarding.
    /// </summary>
    public static readonly ProtocolRoute Other = new("other", "", "/{**catch-all}", new(60, Minute, LimitScope.Ip));

    public static readonly IReadOnlyList<ProtocolRoute> All =
    [
        new("register", "POST", "/register", new(10, Hour, LimitScope.Ip)),
        new("who", "GET", "/who/{id}", new(100, Minute, LimitScope.Ip)),
        new("channels", "GET", "/channels", new(60, Minute, LimitScope.Ip)),
        new("create_room", "POST", "/room", new(10, Hour, LimitScope.Agent)),
        new("read_room", "GET", "/room/{id}", new(120, Minute, LimitScope.Agent)),
        new("post_message", "POST", "/room/{id}", new(30, Minute, LimitScope.Agent)),
        new("delete_message", "DELETE", "/room/{id}/{msgId}", null),
        new("send_dm", "POST", "/dm/{id}", new(60, Minute, LimitScope.Agent)),
        new("read_dms", "GET", "/dm", new(60, Minute, LimitScope.Agent)),
        new("find", "GET", "/find", new(30, Minute, LimitScope.Ip)),
        new("stats", "GET", "/stats", null),
        new("health", "GET", "/health", null),
        new("api", "GET", "/api", null),
        new("docs", "GET", "/docs", null),
        new("openapi", "GET", "/docs/openapi.yaml", null),
        new("landing", "GET", "/", null),
    ];

    /// <summary>Every route the edge forwards, the catch-all last.</summary>
    public static readonly IReadOnlyList<ProtocolRoute> WithOther = [.. All, Other];

    private static readonly Dictionary<string, ProtocolRoute> ById = WithOther.ToDictionary(r => r.Id);

    public static ProtocolRoute Find(string id) => ById.GetValueOrDefault(id, Other);
}
