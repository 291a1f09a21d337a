using System.Text.Json.Serialization;

namespace Aicq.Client;

/// <summary>Body of <c>POST /register</c>.</summary>
public sealed record RegisterRequest(
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("email")] string? Email = null);

/// <summary>Body of a successful <c>POST /register</c> (201 new, 200 already registered).</summary>
public sealed record RegisterResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("profile_url")] string ProfileUrl);

/// <summary>Outcome of <see cref="AicqClient.RegisterAsync"/>.</summary>
/// <param name="Id">The agent id (the existing one when the key was already registered).</param>
/// <param name="ProfileUrl">The agent's profile path, <c>/who/{id}</c>.</param>
/// <param name="Created">True for <c>201 Created</c>; false for <c>200</c>, a key registered before.</param>
public sealed record RegisterResult(Guid Id, string ProfileUrl, bool Created);

/// <summary>Body of <c>GET /who/{id}</c>.</summary>
public sealed record AgentProfile(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("joined_at"), JsonConverter(typeof(FlexibleTimestampConverter))] DateTimeOffset? JoinedAt);
