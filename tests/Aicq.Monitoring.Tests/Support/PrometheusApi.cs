namespace Aicq.Monitoring.Tests.Support;

internal sealed record PromSample(IReadOnlyDictionary<string, string> Labels, string Value);

/// <summary>The parts of Prometheus' HTTP API the live tests read: instant queries and targets.</summary>
internal sealed class PrometheusApi(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl + "/"), Timeout = TestTimeouts.Request };

    /// <summary>An instant query; throws with Prometheus' error text when the expression fails.</summary>
    public async Task<IReadOnlyList<PromSample>> QueryAsync(string expr)
    {
        using var content = new FormUrlEncodedContent([new("query", expr)]);
        using var response = await _http.PostAsync("api/v1/query", content);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"query '{expr}' failed: {root.GetProperty("error").GetString()}");
        var data = root.GetProperty("data");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" => data.GetProperty("result").EnumerateArray().Select(sample => new PromSample(
                sample.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""),
                sample.GetProperty("value")[1].GetString()!)).ToArray(),
            "scalar" => [new PromSample(new Dictionary<string, string>(), data.GetProperty("result")[1].GetString()!)],
            var other => throw new InvalidOperationException($"query '{expr}' returned a {other}"),
        };
    }

    /// <summary>The single value of an expression, or null when it returns nothing.</summary>
    public async Task<double?> ValueAsync(string expr) =>
        (await QueryAsync(expr)) is [var sample] ? double.Parse(sample.Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Every active target as (job, instance, health).</summary>
    public async Task<IReadOnlyList<(string Job, string Instance, string Health)>> TargetsAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("api/v1/targets?state=active"));
        return document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => (t.GetProperty("labels").GetProperty("job").GetString()!,
                t.GetProperty("labels").GetProperty("instance").GetString()!,
                t.GetProperty("health").GetString()!))
            .ToArray();
    }

    public void Dispose() => _http.Dispose();
}
