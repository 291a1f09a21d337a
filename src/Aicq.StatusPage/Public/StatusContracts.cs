using System.Text.Json.Serialization;

namespace Aicq.StatusPage.Public;

/// <summary>Body of <c>GET /api/status</c>: the same snapshot the page shows, public-safe.</summary>
public sealed record StatusResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("headline")] string Headline,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("history_available")] bool HistoryAvailable,
    [property: JsonPropertyName("components")] IReadOnlyList<ComponentResponse> Components,
    [property: JsonPropertyName("incidents")] IReadOnlyList<IncidentResponse> Incidents,
    [property: JsonPropertyName("maintenance")] IReadOnlyList<MaintenanceResponse> Maintenance);

public sealed record ComponentResponse(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("state_text")] string StateText,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("latency_ms")] double? LatencyMs,
    [property: JsonPropertyName("last_checked")] DateTimeOffset? LastChecked,
    [property: JsonPropertyName("parts")] IReadOnlyList<PartResponse> Parts,
    [property: JsonPropertyName("uptime")] UptimeResponse Uptime,
    [property: JsonPropertyName("uptime_windows")] UptimeWindowsResponse UptimeWindows,
    [property: JsonPropertyName("checks_24h")] long Checks24h,
    [property: JsonPropertyName("open_incidents")] IReadOnlyList<int> OpenIncidents,
    [property: JsonPropertyName("checked_age_seconds")] double? CheckedAgeSeconds,
    [property: JsonPropertyName("stale")] bool Stale);

public sealed record PartResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("latency_ms")] double? LatencyMs);

/// <summary>Percent of checked time fully operational (maintenance excluded), as the page shows it: null while a window is collecting.</summary>
public sealed record UptimeResponse(
    [property: JsonPropertyName("24h")] double? Day,
    [property: JsonPropertyName("7d")] double? Week,
    [property: JsonPropertyName("30d")] double? Month,
    [property: JsonPropertyName("90d")] double? Quarter);

/// <summary>Each uptime window in full.</summary>
public sealed record UptimeWindowsResponse(
    [property: JsonPropertyName("24h")] UptimeWindowResponse Day,
    [property: JsonPropertyName("7d")] UptimeWindowResponse Week,
    [property: JsonPropertyName("30d")] UptimeWindowResponse Month,
    [property: JsonPropertyName("90d")] UptimeWindowResponse Quarter);

/// <summary>
/// One window: <c>collecting</c> until checks cover three quarters of it (no percentage yet), then <c>measured</c>.
/// <c>unknown_percent</c> is the share no check covers; <c>text</c> is what the page says.
/// </summary>
public sealed record UptimeWindowResponse(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("uptime_percent")] double? UptimePercent,
    [property: JsonPropertyName("unknown_percent")] double UnknownPercent,
    [property: JsonPropertyName("checked_seconds")] long CheckedSeconds,
    [property: JsonPropertyName("window_seconds")] long WindowSeconds,
    [property: JsonPropertyName("text")] string Text);

public sealed record IncidentResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("component")] string Component,
    [property: JsonPropertyName("component_name")] string ComponentName,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("updates")] IReadOnlyList<IncidentUpdateResponse> Updates);

public sealed record IncidentUpdateResponse(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message);

public sealed record MaintenanceResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("components")] IReadOnlyList<string> Components,
    [property: JsonPropertyName("starts_at")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("ends_at")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("active")] bool Active);
