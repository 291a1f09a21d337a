using System.Text.Json.Serialization;

namespace Aicq.StatusPage.Operators;

public sealed record IncidentUpdateRequest(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("resolve")] bool? Resolve,
    [property: JsonPropertyName("acknowledge")] bool? Acknowledge = null);

public sealed record MaintenanceRequest(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("components")] IReadOnlyList<string>? Components,
    [property: JsonPropertyName("starts_at")] DateTimeOffset? StartsAt,
    [property: JsonPropertyName("ends_at")] DateTimeOffset? EndsAt);

/// <summary>
/// An incident with what only operators see: the alert's raw description and labels, its runbook section and Prometheus
/// query, and for the synthetic agent the request ids of failed calls (search Loki for <c>request_id</c>).
/// </summary>
public sealed record OperatorIncident(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("alert_name")] string AlertName,
    [property: JsonPropertyName("component")] string Component,
    [property: JsonPropertyName("component_label")] string ComponentLabel,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("runbook_url")] string? RunbookUrl,
    [property: JsonPropertyName("generator_url")] string? GeneratorUrl,
    [property: JsonPropertyName("request_ids")] IReadOnlyList<string> RequestIds,
    [property: JsonPropertyName("updates")] IReadOnlyList<OperatorUpdate> Updates);

public sealed record OperatorUpdate(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("author")] string Author);

public sealed record OperatorMaintenance(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("components")] IReadOnlyList<string> Components,
    [property: JsonPropertyName("starts_at")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("ends_at")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("cancelled_at")] DateTimeOffset? CancelledAt,
    [property: JsonPropertyName("silence")] OperatorSilence? Silence);

/// <summary>
/// The Alertmanager silence of a running or upcoming window: its matchers, its id once created, and while Alertmanager
/// cannot be reached, the problem and since when.
/// </summary>
public sealed record OperatorSilence(
    [property: JsonPropertyName("matchers")] string Matchers,
    [property: JsonPropertyName("silence_id")] string? SilenceId,
    [property: JsonPropertyName("problem")] string? Problem,
    [property: JsonPropertyName("failing_since")] DateTimeOffset? FailingSince);
