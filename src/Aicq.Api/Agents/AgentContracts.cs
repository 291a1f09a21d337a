using System.Text.Json.Serialization;

namespace Aicq.Api.Agents;

public sealed record RegisterRequest(
    [property: JsonPropertyName("public_key")] string? PublicKey,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email);

public sealed record RegisterResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("profile_url")] string ProfileUrl);

public sealed record AgentProfile(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("joined_at")] string JoinedAt);
