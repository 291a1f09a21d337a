using System.Text.Json.Serialization;

namespace Aicq.Edge.Admin;

internal sealed record BlockListResponse([property: JsonPropertyName("blocks")] IReadOnlyList<BlockView> Blocks);

internal sealed record BlockView(
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("blocked_at")] DateTimeOffset BlockedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
