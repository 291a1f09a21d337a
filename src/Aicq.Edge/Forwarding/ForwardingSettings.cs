using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.Forwarding;

/// <summary>The API instances behind the edge and how their health is watched.</summary>
internal sealed record ForwardingSettings
{
    public required IReadOnlyList<Uri> Upstreams { get; init; }
    public required TimeSpan HealthInterval { get; init; }
    public required TimeSpan UpstreamTimeout { get; init; }

    public static ForwardingSettings Read(SettingsReader reader) => new()
    {
        Upstreams = reader.Parse("EDGE_UPSTREAMS", "http://127.0.0.1:5080",
            raw => BaseUrls.List(raw, whenEmpty: "must name at least one API instance"), u => string.Join(",", u)) ?? [],
        HealthInterval = TimeSpan.FromSeconds(reader.Int("EDGE_HEALTH_INTERVAL_SECONDS", 2, 1, 60)),
        UpstreamTimeout = TimeSpan.FromSeconds(reader.Int("EDGE_UPSTREAM_TIMEOUT_SECONDS", 30, 1, 600)),
    };
}
