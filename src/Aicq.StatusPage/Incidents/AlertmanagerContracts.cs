using System.Text.Json.Serialization;

namespace Aicq.StatusPage.Incidents;

/// <summary>Alertmanager's webhook body, version 4 (only the fields the page uses).</summary>
public sealed record AlertmanagerPayload(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertmanagerAlert>? Alerts);

public sealed record AlertmanagerAlert(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations,
    [property: JsonPropertyName("startsAt")] DateTimeOffset? StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset? EndsAt,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint,
    [property: JsonPropertyName("generatorURL")] string? GeneratorUrl = null)
{
    public string? Label(string name) => Labels?.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

    public string? Annotation(string name) => Annotations?.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

    public bool IsFiring => Status == "firing";

    /// <summary>The Watchdog (severity <c>none</c>) is a heartbeat proving alert delivery works, never an incident.</summary>
    public bool IsHeartbeat => Label("alertname") == "Watchdog" || Label("severity") == "none";
}

/// <summary>What the webhook did with a delivery.</summary>
public sealed record WebhookResult(
    [property: JsonPropertyName("opened")] int Opened,
    [property: JsonPropertyName("resolved")] int Resolved,
    [property: JsonPropertyName("ignored")] int Ignored);
