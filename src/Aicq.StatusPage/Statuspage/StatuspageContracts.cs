using System.Text.Json.Serialization;

namespace Aicq.StatusPage.Statuspage;

// The public Atlassian Statuspage read format (/api/v2/*.json), field for field, so chat integrations, widgets and
// aggregators that already read Statuspage pages read ours. Values are mapped in StatuspageMapping, in one place.

public sealed record StatuspagePage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("time_zone")] string TimeZone,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);

/// <summary>The blended page status: <c>indicator</c> none, minor, major or critical.</summary>
public sealed record StatuspageStatus(
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("description")] string Description);

public sealed record StatuspageComponent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("position")] int Position,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("showcase")] bool Showcase,
    [property: JsonPropertyName("start_date")] string? StartDate,
    [property: JsonPropertyName("group_id")] string? GroupId,
    [property: JsonPropertyName("page_id")] string PageId,
    [property: JsonPropertyName("group")] bool Group,
    [property: JsonPropertyName("only_show_if_degraded")] bool OnlyShowIfDegraded);

public sealed record StatuspageAffectedComponent(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("old_status")] string OldStatus,
    [property: JsonPropertyName("new_status")] string NewStatus);

public sealed record StatuspageIncidentUpdate(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("incident_id")] string IncidentId,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("display_at")] DateTimeOffset DisplayAt,
    [property: JsonPropertyName("affected_components")] IReadOnlyList<StatuspageAffectedComponent>? AffectedComponents,
    [property: JsonPropertyName("deliver_notifications")] bool DeliverNotifications,
    [property: JsonPropertyName("custom_tweet")] string? CustomTweet,
    [property: JsonPropertyName("tweet_id")] string? TweetId);

/// <summary>An incident or, with <c>scheduled_for</c>/<c>scheduled_until</c> set, a scheduled maintenance.</summary>
public sealed record StatuspageIncident(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("monitoring_at")] DateTimeOffset? MonitoringAt,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("impact")] string Impact,
    [property: JsonPropertyName("shortlink")] string Shortlink,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("page_id")] string PageId,
    [property: JsonPropertyName("incident_updates")] IReadOnlyList<StatuspageIncidentUpdate> IncidentUpdates,
    [property: JsonPropertyName("components")] IReadOnlyList<StatuspageComponent> Components,
    [property: JsonPropertyName("scheduled_for"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ScheduledFor = null,
    [property: JsonPropertyName("scheduled_until"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ScheduledUntil = null);

public sealed record StatuspageStatusResponse(
    [property: JsonPropertyName("page")] StatuspagePage Page,
    [property: JsonPropertyName("status")] StatuspageStatus Status);

public sealed record StatuspageComponentsResponse(
    [property: JsonPropertyName("page")] StatuspagePage Page,
    [property: JsonPropertyName("components")] IReadOnlyList<StatuspageComponent> Components);

public sealed record StatuspageIncidentsResponse(
    [property: JsonPropertyName("page")] StatuspagePage Page,
    [property: JsonPropertyName("incidents")] IReadOnlyList<StatuspageIncident> Incidents);

public sealed record StatuspageMaintenancesResponse(
    [property: JsonPropertyName("page")] StatuspagePage Page,
    [property: JsonPropertyName("scheduled_maintenances")] IReadOnlyList<StatuspageIncident> ScheduledMaintenances);

public sealed record StatuspageSummaryResponse(
    [property: JsonPropertyName("page")] StatuspagePage Page,
    [property: JsonPropertyName("components")] IReadOnlyList<StatuspageComponent> Components,
    [property: JsonPropertyName("incidents")] IReadOnlyList<StatuspageIncident> Incidents,
    [property: JsonPropertyName("scheduled_maintenances")] IReadOnlyList<StatuspageIncident> ScheduledMaintenances,
    [property: JsonPropertyName("status")] StatuspageStatus Status);
