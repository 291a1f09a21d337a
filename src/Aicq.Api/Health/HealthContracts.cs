using System.Text.Json.Serialization;

namespace Aicq.Api.Health;

public sealed record DependencyStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("latency")] string? Latency,
    [property: JsonPropertyName("message")] string? Message);

public sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("instance")] string? Instance,
    [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, DependencyStatus> Checks,
    [property: JsonPropertyName("timestamp")] string Timestamp);
