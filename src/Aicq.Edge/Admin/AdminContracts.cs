using System.Text.Json.Serialization;

namespace Aicq.Edge.Admin;

internal sealed record BlockListResponse([property: JsonPropertyName("blocks")] IReadOnlyList<BlockView> Blocks);

internal sealed record BlockView(
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("blocked_at")] DateTimeOffset BlockedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

/// <summary>Source-generated JSON for the admin answers: the edge runs as Native AOT, where reflection-based JSON is off.</summary>
[JsonSerializable(typeof(BlockListResponse))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
