using System.Security.Cryptography.X509Certificates;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.StatusPage.Settings;

/// <summary>What the status page checks and how often. A component without a URL is shown as "not monitored".</summary>
public sealed record ProbeSettings
{
    public required IReadOnlyList<Uri> ApiUrls { get; init; }
    public Uri? EdgeUrl { get; init; }
    public Uri? PrometheusUrl { get; init; }
    public Uri? AlertmanagerUrl { get; init; }

    /// <summary>The Alertmanager receiver that pages on-call; without an integration there, Alertmanager is degraded.</summary>
    public string OnCallReceiver { get; init; } = DefaultOnCallReceiver;

    public const string DefaultOnCallReceiver = "pager";
    public Uri? GrafanaUrl { get; init; }
    public Uri? LokiUrl { get; init; }
    public required TimeSpan Interval { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required TimeSpan SlowResponse { get; init; }

    /// <summary>Extra trust anchors (the edge's local CA) for every HTTPS call the status page makes.</summary>
    public required X509Certificate2Collection TrustedCertificates { get; init; }

    public static ProbeSettings Read(SettingsReader reader)
    {
        var interval = reader.Int("STATUS_CHECK_INTERVAL_SECONDS", 30, 1, 3600);
        var timeout = reader.Int("STATUS_CHECK_TIMEOUT_SECONDS", 5, 1, 120);
        if (timeout >= interval && interval > 1)
            reader.Fail("STATUS_CHECK_TIMEOUT_SECONDS", $"must be shorter than STATUS_CHECK_INTERVAL_SECONDS ({interval})");
        return new ProbeSettings
        {
            ApiUrls = reader.Parse("STATUS_API_URLS", "", raw => BaseUrls.List(raw), u => u.Count == 0 ? "(not monitored)" : string.Join(",", u)) ?? [],
            EdgeUrl = OptionalUrl(reader, "STATUS_EDGE_URL"),
            PrometheusUrl = OptionalUrl(reader, "STATUS_PROMETHEUS_URL"),
            AlertmanagerUrl = OptionalUrl(reader, "STATUS_ALERTMANAGER_URL"),
            OnCallReceiver = reader.Parse("STATUS_ONCALL_RECEIVER", DefaultOnCallReceiver, ReceiverName, name => name) ?? DefaultOnCallReceiver,
            GrafanaUrl = OptionalUrl(reader, "STATUS_GRAFANA_URL"),
            LokiUrl = OptionalUrl(reader, "STATUS_LOKI_URL"),
            Interval = TimeSpan.FromSeconds(interval),
            Timeout = TimeSpan.FromSeconds(timeout),
            SlowResponse = TimeSpan.FromMilliseconds(reader.Int("STATUS_SLOW_RESPONSE_MS", 2000, 10, 120_000)),
            TrustedCertificates = reader.Parse("STATUS_CA_CERT_PATH", "", PemCertificates.Parse,
                c => c.Count == 0 ? "(system trust only)" : string.Join(",", c.Select(x => x.Subject))) ?? [],
        };
    }

    private static (string? Value, string? Error) ReceiverName(string raw) =>
        raw.Length is > 0 and <= 64 && raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? (raw, null)
            : (null, "must be an Alertmanager receiver name (letters, digits, '-', '_', '.'; at most 64)");

    internal static Uri? OptionalUrl(SettingsReader reader, string name) =>
        reader.Raw(name) is null
            ? Unset(reader, name)
            : reader.Parse(name, null, BaseUrls.One, u => u.ToString());

    private static Uri? Unset(SettingsReader reader, string name)
    {
        reader.OptionalString(name);
        return null;
    }
}
