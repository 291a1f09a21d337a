using System.Text.Json.Serialization;

namespace Aicq.Client;

/// <summary>Body of <c>GET /health</c>, served with 200 when healthy and 503 when degraded.</summary>
/// <param name="Status"><c>"healthy"</c> or <c>"degraded"</c>.</param>
/// <param name="Version">Server version.</param>
/// <param name="Region">Deployment region (<c>FLY_REGION</c>) when set.</param>
/// <param name="Instance">Instance id (<c>FLY_ALLOC_ID</c>) when set.</param>
/// <param name="Checks">One result per dependency, by name.</param>
/// <param name="Timestamp">When the server answered.</param>
public sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("instance")] string? Instance,
    [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, DependencyCheck> Checks,
    [property: JsonPropertyName("timestamp"), JsonConverter(typeof(FlexibleTimestampConverter))] DateTimeOffset? Timestamp)
{
    /// <summary>True when <see cref="Status"/> is <c>"healthy"</c>.</summary>
    [JsonIgnore]
    public bool IsHealthy => string.Equals(Status, "healthy", StringComparison.Ordinal);
}

/// <summary>One dependency in <see cref="HealthResponse.Checks"/> (for example <c>postgres</c>, <c>redis</c>).</summary>
/// <param name="Status"><c>"pass"</c> or <c>"fail"</c>.</param>
/// <param name="Latency">How long the check took, as the server wrote it: a Go duration such as <c>"2ms"</c>, or a number of
/// milliseconds from servers of ours before 2026-12.</param>
/// <param name="Message">A short failure reason; never the dependency's own error text.</param>
public sealed record DependencyCheck(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("latency"), JsonConverter(typeof(StringOrNumberConverter))] string? Latency,
    [property: JsonPropertyName("message")] string? Message)
{
    /// <summary><see cref="Latency"/> as a duration, whichever form the server wrote; null when absent or unreadable.</summary>
    [JsonIgnore]
    public TimeSpan? LatencyDuration =>
        GoDuration.TryParse(Latency, out var duration) ? duration
        : double.TryParse(Latency, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            && double.IsFinite(ms) && ms >= 0 && ms < TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromMilliseconds(ms)
        : null;
}

/// <summary>Body of <c>GET /api</c>.</summary>
public sealed record ApiInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("docs")] string Docs);
