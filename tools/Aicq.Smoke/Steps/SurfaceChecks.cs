using System.Net;
using Aicq.Client;

namespace Aicq.Smoke;

/// <summary>What every client sees before signing anything: health, headers, and what must stay hidden.</summary>
internal sealed class SurfaceChecks(HttpClient http, SmokeOptions options)
{
    // The protocol's headers on every response (docs/runbook.md#verify lists them too).
    private static readonly (string Name, string? Expected)[] SecurityHeaders =
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Strict-Transport-Security", null),
        ("Content-Security-Policy", null),
    ];

    private static readonly string[] RateLimitHeaders = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

    public async Task<string> HealthAsync(CancellationToken cancellationToken)
    {
        var health = await new AicqClient(http).GetHealthAsync(cancellationToken);
        if (!health.IsHealthy)
        {
            var failing = health.Checks.Where(c => c.Value.Status != "pass").Select(c => $"{c.Key}: {c.Value.Status}");
            throw new SmokeFailure($"/health is {health.Status} ({string.Join(", ", failing)})");
        }
        var checks = health.Checks.Select(c => c.Value.LatencyDuration is { } took
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.Key} {took.TotalMilliseconds:0.###} ms")
            : c.Key);
        return $"healthy, version {health.Version ?? "?"}, checks {string.Join(", ", checks)}";
    }

    public async Task<string> SecurityHeadersAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("api", cancellationToken);
        var missing = SecurityHeaders
            .Where(h => !Has(response, h.Name, h.Expected))
            .Select(h => h.Expected is null ? h.Name : $"{h.Name}: {h.Expected}")
            .ToList();
        if (missing.Count > 0) throw new SmokeFailure($"GET /api ({(int)response.StatusCode}) lacks {string.Join("; ", missing)}");
        return $"{SecurityHeaders.Length} headers on GET /api";
    }

    public async Task<string> MetricsHiddenAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("metrics", cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
            throw new SmokeFailure($"GET /metrics answered {(int)response.StatusCode}; metrics must only be served on an internal port (expected 404)");
        return "GET /metrics is 404";
    }

    public async Task<string> RateLimitHeadersAsync(CancellationToken cancellationToken)
    {
        if (!options.ThroughEdge)
            throw new SmokeSkip("not through the edge (plain http URL: an API instance has no rate limits; pass --edge to require them)");
        using var response = await http.GetAsync("channels?limit=1", cancellationToken);
        var missing = RateLimitHeaders.Where(h => !response.Headers.Contains(h)).ToList();
        if (!response.IsSuccessStatusCode || missing.Count > 0)
            throw new SmokeFailure($"GET /channels answered {(int)response.StatusCode} without {string.Join(", ", missing)}");
        return $"GET /channels: limit {response.Headers.GetValues("X-RateLimit-Limit").First()}, remaining {response.Headers.GetValues("X-RateLimit-Remaining").First()}";
    }

    private static bool Has(HttpResponseMessage response, string name, string? expected) =>
        (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        && (expected is null || values.Any(v => string.Equals(v, expected, StringComparison.OrdinalIgnoreCase)));
}
