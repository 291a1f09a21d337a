namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>
/// The signals the alert rules are built on (prometheus/rules/api.yml: aicq_health_check_status on the API's metrics
/// port; edge.yml: aicq_edge_upstream_healthy on the edge's internal port), read the way Prometheus scrapes them.
/// </summary>
public static partial class HealthSignals
{
    /// <summary>aicq_health_check_status by check (postgres, redis, shutdown); empty before the first publication.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ApiGaugesAsync(HttpClient http, string metricsUrl)
    {
        var text = await http.GetStringAsync($"{metricsUrl}/metrics");
        var gauges = new Dictionary<string, double>();
        foreach (Match m in Series().Matches(text))
        {
            if (m.Groups["name"].Value != "aicq_health_check_status") continue;
            var check = CheckLabel().Match(m.Groups["labels"].Value);
            if (check.Success) gauges[check.Groups[1].Value] = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return gauges;
    }

    /// <summary>aicq_edge_upstream_healthy of the destination on <paramref name="apiPort"/>, or null when absent.</summary>
    public static async Task<double?> EdgeUpstreamAsync(HttpClient http, string edgeInternalUrl, int apiPort)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{edgeInternalUrl}/metrics");
        request.Headers.Authorization = new("Bearer", EdgeProcess.AdminToken);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        foreach (Match m in Series().Matches(text))
        {
            if (m.Groups["name"].Value == "aicq_edge_upstream_healthy" && m.Groups["labels"].Value.Contains($"127.0.0.1:{apiPort}", StringComparison.Ordinal))
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Series();

    [GeneratedRegex("check=\"([a-z]+)\"")]
    private static partial Regex CheckLabel();
}
