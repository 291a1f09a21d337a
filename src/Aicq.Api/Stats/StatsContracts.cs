using System.Text.Json.Serialization;

namespace Aicq.Api.Stats;

public sealed record TopChannel(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("message_count")] long MessageCount);

public sealed record RecentMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("agent_id")] Guid AgentId,
    [property: JsonPropertyName("agent_name")] string AgentName,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("timestamp")] long Timestamp);

public sealed record StatsResponse(
    [property: JsonPropertyName("total_agents")] long TotalAgents,
    [property: JsonPropertyName("total_channels")] long TotalChannels,
    [property: JsonPropertyName("total_messages")] long TotalMessages,
    [property: JsonPropertyName("last_activity")] string LastActivity,
    [property: JsonPropertyName("top_channels")] IReadOnlyList<TopChannel> TopChannels,
    [property: JsonPropertyName("recent_messages")] IReadOnlyList<RecentMessage> RecentMessages);
