namespace Aicq.Protocol;

/// <summary>Whose budget a rate-limited route spends.</summary>
public enum LimitScope
{
    /// <summary>The client address.</summary>
    Ip,
    /// <summary>The agent the API proved (signature and nonce verified); a request that proves none pays from its address.</summary>
    Agent,
}

/// <summary>What a route does, as operators and dashboards group routes.</summary>
public enum RouteClass
{
    /// <summary>Reads protocol data (profiles, rooms, inboxes, stats).</summary>
    Read,
    /// <summary>Creates or deletes protocol data (agents, rooms, messages, DMs).</summary>
    Write,
    /// <summary>Full-text search, the most expensive read.</summary>
    Search,
    /// <summary>The service's own pages: health, API info, docs, the landing page.</summary>
    Service,
}

/// <summary>A sliding-window budget: at most <see cref="Limit"/> requests in any <see cref="Window"/>.</summary>
public sealed record RouteLimit(int Limit, TimeSpan Window, LimitScope Scope);

/// <summary>
/// One call of the protocol: <see cref="Id"/> names it in settings (<c>RATE_LIMIT_OVERRIDES</c>), logs and metrics;
/// <see cref="Template"/> is an ASP.NET route template; <see cref="Limit"/> is null for a route without a budget.
/// </summary>
public sealed record ProtocolRoute(string Id, string Method, string Template, RouteClass Class, RouteLimit? Limit)
{
    /// <summary>"METHOD /template", or "other" for the catch-all; computed once, as logs and metrics read it on every request.</summary>
    public string Label { get; } = Method.Length == 0 ? "other" : $"{Method} {Template}";
}
