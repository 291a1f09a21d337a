using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aicq.Client;

namespace Aicq.StatusPage.Probing;

/// <summary>
/// Reads the health bodies the appliance's services answer with: the AICQ API's <c>/health</c>
/// (<c>{status: healthy|degraded, checks: {name: {status: pass|fail, latency, message}}}</c>), the
/// <c>HealthChecks.UI.Client</c> format (<c>{status: Healthy|Degraded|Unhealthy, entries: {...}}</c>) and
/// Grafana's <c>{database: ok}</c>. Anything else (Prometheus' plain text) is judged by its status code alone.
/// Check names and messages are kept only when they look like the services' own fixed vocabulary, so a
/// dependency's raw error text never reaches the page.
/// </summary>
internal static partial class HealthBodyReader
{
    [GeneratedRegex("^[a-z0-9_.-]{1,40}$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[a-z ]{1,40}$")]
    private static partial Regex SafeMessage();

    public static HealthBody Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body[0] != (byte)'{') return HealthBody.None;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return HealthBody.None;
            if (root.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Object)
                return new HealthBody(Verdict(root), ReadChecks(checks, "status", "latency", "message"), IsAicqHealth: true);
            if (root.TryGetProperty("entries", out var entries) && entries.ValueKind == JsonValueKind.Object)
                return new HealthBody(Verdict(root), ReadChecks(entries, "status", "duration", "description"), IsAicqHealth: false);
            if (root.TryGetProperty("database", out var database) && database.ValueKind == JsonValueKind.String)
            {
                var ok = database.GetString() == "ok";
                var check = new Dictionary<string, DependencyReport> { ["database"] = new(ok, null, ok ? null : "failing") };
                return new HealthBody(ok ? BodyVerdict.Healthy : BodyVerdict.Degraded, check, IsAicqHealth: false);
            }
            return new HealthBody(Verdict(root), new Dictionary<string, DependencyReport>(), IsAicqHealth: false);
        }
        catch (JsonException)
        {
            return HealthBody.None;
        }
    }

    private static BodyVerdict Verdict(JsonElement root) =>
        root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
            ? Passing(status.GetString()) switch
            {
                true => BodyVerdict.Healthy,
                false => BodyVerdict.Degraded,
                null => BodyVerdict.Unknown,
            }
            : BodyVerdict.Unknown;

    private static Dictionary<string, DependencyReport> ReadChecks(JsonElement checks, string statusName, string latencyName, string messageName)
    {
        var result = new Dictionary<string, DependencyReport>();
        foreach (var check in checks.EnumerateObject())
        {
            if (check.Value.ValueKind != JsonValueKind.Object || !SafeName().IsMatch(check.Name)) continue;
            var passing = check.Value.TryGetProperty(statusName, out var status) && status.ValueKind == JsonValueKind.String
                ? Passing(status.GetString()) ?? false
                : false;
            var message = check.Value.TryGetProperty(messageName, out var text) && text.ValueKind == JsonValueKind.String
                && SafeMessage().IsMatch(text.GetString()!) ? text.GetString() : null;
            result[check.Name] = new DependencyReport(passing, Latency(check.Value, latencyName), passing ? null : message ?? "failing");
        }
        return result;
    }

    private static bool? Passing(string? status) => status?.ToLowerInvariant() switch
    {
        "pass" or "healthy" or "ok" or "up" => true,
        "fail" or "degraded" or "unhealthy" or "down" => false,
        _ => null,
    };

    /// <summary>
    /// A Go duration (<c>"2ms"</c>, <c>"1.5s"</c>: the AICQ API), a <c>TimeSpan</c> text such as <c>00:00:00.0123</c>
    /// (HealthChecks UI), or a number of milliseconds (AICQ APIs before 2026-12).
    /// </summary>
    private static double? Latency(JsonElement check, string name)
    {
        if (!check.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
        if (value.ValueKind != JsonValueKind.String) return null;
        var text = value.GetString()!;
        if (GoDuration.TryParse(text, out var duration)) return duration.TotalMilliseconds;
        return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span.TotalMilliseconds : null;
    }
}
