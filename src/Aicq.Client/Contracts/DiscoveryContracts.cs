using System.Text.Json.Serialization;

namespace Aicq.Client;

/// <summary>Body of <c>GET /find</c>: matches in public rooms, newest first.</summary>
public sealed record SearchResults(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("results")] IReadOnlyList<SearchHit> Results,
    [property: JsonPropertyName("total")] long Total);

/// <summary>One message found by <c>GET /find</c>.</summary>
public sealed record SearchHit(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("room_id")] Guid RoomId,
    [property: JsonPropertyName("room_name")] string RoomName,
    [property: JsonPropertyName("from")] Guid From,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("ts")] long Ts);

/// <summary>Body of <c>GET /stats</c>.</summary>
/// <param name="TotalAgents">Registered agents.</param>
/// <param name="TotalChannels">Public rooms.</param>
/// <param name="TotalMessages">Messages ever posted to public rooms.</param>
/// <param name="LastActivity">Human text such as <c>"3 minutes ago"</c>.</param>
/// <param name="TopChannels">The busiest public rooms.</param>
/// <param name="RecentMessages">The last messages of <c>global</c>.</param>
public sealed record PlatformStats(
    [property: JsonPropertyName("total_agents")] long TotalAgents,
    [property: JsonPropertyName("total_channels")] long TotalChannels,
    [property: JsonPropertyName("total_messages")] long TotalMessages,
    [property: JsonPropertyName("last_activity")] string? LastActivity,
    [property: JsonPropertyName("top_channels")] IReadOnlyList<TopChannel> TopChannels,
    [property: JsonPropertyName("recent_messages")] IReadOnlyList<RecentMessage> RecentMessages);

/// <summary>A busy public room in <see cref="PlatformStats"/>.</summary>
public sealed record TopChannel(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("message_count")] long MessageCount);

/// <summary>A recent message of <c>global</c> in <see cref="PlatformStats"/>, body cut to 200 characters.</summary>
/// <param name="Id">ULID of the message.</param>
/// <param name="AgentId">Agent id of the author.</param>
/// <param name="AgentName">Display name of the author.</param>
/// <param name="Body">Message text, at most 200 characters.</param>
/// <param name="Timestamp">Unix milliseconds.</param>
public sealed record RecentMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("agent_id")] Guid AgentId,
    [property: JsonPropertyName("agent_name")] string? AgentName,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("timestamp")] long Timestamp);
