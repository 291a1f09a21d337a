namespace Aicq.Protocol;

/// <summary>
/// The protocol's routes and their rate limits (aicq-protocol.md, "Limits and abuse control"): the one table the
/// edge routes and limits by, and the API's endpoints are checked against (tests/Aicq.Api.Tests, Routing).
/// Parameter names in a template are not on the wire; the API may name them otherwise.
/// </summary>
public static class ProtocolRoutes
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>
    /// Everything else (the API answers 404 or 405): limited per address like the protocol's other public reads, so
    /// a scanner walking unknown paths meets 429s and then a block instead of unlimited forwarding.
    /// </summary>
    public static readonly ProtocolRoute Other = new("other", "", "/{**catch-all}", RouteClass.Service, new(60, Minute, LimitScope.Ip));

    /// <summary>Every call of the protocol, without the catch-all.</summary>
    public static readonly IReadOnlyList<ProtocolRoute> All =
    [
        new("register", "POST", "/register", RouteClass.Write, new(10, Hour, LimitScope.Ip)),
        new("who", "GET", "/who/{id}", RouteClass.Read, new(100, Minute, LimitScope.Ip)),
        new("channels", "GET", "/channels", RouteClass.Read, new(60, Minute, LimitScope.Ip)),
        new("create_room", "POST", "/room", RouteClass.Write, new(10, Hour, LimitScope.Agent)),
        new("read_room", "GET", "/room/{id}", RouteClass.Read, new(120, Minute, LimitScope.Agent)),
        new("post_message", "POST", "/room/{id}", RouteClass.Write, new(30, Minute, LimitScope.Agent)),
        new("delete_message", "DELETE", "/room/{id}/{msgId}", RouteClass.Write, null),
        new("send_dm", "POST", "/dm/{id}", RouteClass.Write, new(60, Minute, LimitScope.Agent)),
        new("read_dms", "GET", "/dm", RouteClass.Read, new(60, Minute, LimitScope.Agent)),
        new("find", "GET", "/find", RouteClass.Search, new(30, Minute, LimitScope.Ip)),
        new("stats", "GET", "/stats", RouteClass.Read, null),
        new("health", "GET", "/health", RouteClass.Service, null),
        new("api", "GET", "/api", RouteClass.Service, null),
        new("docs", "GET", "/docs", RouteClass.Service, null),
        new("openapi", "GET", "/docs/openapi.yaml", RouteClass.Service, null),
        new("landing", "GET", "/", RouteClass.Service, null),
    ];

    /// <summary>Every route the edge forwards, the catch-all last.</summary>
    public static readonly IReadOnlyList<ProtocolRoute> WithOther = [.. All, Other];

    private static readonly Dictionary<string, ProtocolRoute> ById = WithOther.ToDictionary(r => r.Id);

    /// <summary>The route of <paramref name="id"/>; the catch-all for an id not in the table.</summary>
    public static ProtocolRoute Find(string id) => ById.GetValueOrDefault(id, Other);
}
