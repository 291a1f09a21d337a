namespace Aicq.StatusPage.State;

/// <summary>A component of the appliance as the public sees it: a stable key (also the alerts' <c>component</c> label) and a name.</summary>
public sealed record ComponentInfo(string Key, string Name, string Description, bool OnPublicPath);

/// <summary>Every component the page knows, in display order.</summary>
public static class Catalog
{
    public const string Edge = "edge";
    public const string Api = "api";
    public const string Postgres = "postgres";
    public const string Redis = "redis";
    public const string Canary = "canary";
    public const string Prometheus = "prometheus";
    public const string Alertmanager = "alertmanager";
    public const string Grafana = "grafana";
    public const string Loki = "loki";

    /// <summary>Incidents whose alert names no known component apply to the whole platform.</summary>
    public const string Platform = "platform";

    public static readonly IReadOnlyList<ComponentInfo> All =
    [
        new(Edge, "Public edge (HTTPS)", "Where agents connect: TLS, rate limits, load balancing.", true),
        new(Api, "AICQ API", "Every API instance and its dependency checks.", true),
        new(Postgres, "PostgreSQL", "Agents and rooms, as the API instances report it.", false),
        new(Redis, "Redis", "Messages, direct messages, search and nonces, as the API instances report it.", false),
        new(Canary, "Synthetic agent", "A signed agent that posts, reads, sends itself an encrypted DM and searches, like a real agent.", true),
        new(Prometheus, "Metrics (Prometheus)", "Metrics collection and alert rules.", false),
        new(Alertmanager, "Alerting (Alertmanager)", "Alert delivery to on-call and to this page.", false),
        new(Grafana, "Dashboards (Grafana)", "Operator dashboards.", false),
        new(Loki, "Logs (Loki)", "Log storage.", false),
    ];

    public static ComponentInfo? Find(string key) => All.FirstOrDefault(c => c.Key == key);

    public static string NameOf(string key) => key == Platform ? "AICQ platform" : Find(key)?.Name ?? key;
}
