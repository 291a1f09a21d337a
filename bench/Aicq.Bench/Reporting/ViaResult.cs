using System.Text.Json.Serialization;

namespace Aicq.Bench.Reporting;

/// <summary>
/// One step of <c>Aicq.Bench edge</c>: GET /room/{id} sent directly to the API or through a proxy, closed loop or
/// at a fixed rate. CPU figures are percent of one core; the proxy's peak RSS is its VmHWM/VmRSS over the step.
/// </summary>
internal sealed record ViaResult(
    [property: JsonPropertyName("via")] string Via,
    [property: JsonPropertyName("rate")] double? Rate,
    [property: JsonPropertyName("connections")] int Connections,
    [property: JsonPropertyName("warmup_seconds")] double WarmupSeconds,
    [property: JsonPropertyName("duration_seconds")] double DurationSeconds,
    [property: JsonPropertyName("requests_2xx")] long Requests,
    [property: JsonPropertyName("requests_per_second")] double RequestsPerSecond,
    [property: JsonPropertyName("latency_ms")] LatencyMs Latency,
    [property: JsonPropertyName("non_2xx")] IReadOnlyDictionary<int, long> NonSuccess,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("first_error")] string? FirstError,
    [property: JsonPropertyName("api_cpu_percent")] double? ApiCpuPercent,
    [property: JsonPropertyName("proxy_cpu_percent")] double? ProxyCpuPercent,
    [property: JsonPropertyName("load_generator_cpu_percent")] double LoadGeneratorCpuPercent,
    [property: JsonPropertyName("core_busy_percent")] IReadOnlyDictionary<int, double> CoreBusyPercent,
    [property: JsonPropertyName("proxy_peak_rss_mb")] double? ProxyPeakRssMb,
    [property: JsonPropertyName("response_bytes")] double ResponseBytes)
{
    [JsonIgnore]
    public bool IsClosedLoop => Rate is null;
}

/// <summary>Where the proxies ran and with what settings, for the doc.</summary>
internal sealed record ProxySetup(
    [property: JsonPropertyName("proxy_core")] int? ProxyCore,
    [property: JsonPropertyName("edge_environment")] IReadOnlyDictionary<string, string> EdgeEnvironment,
    [property: JsonPropertyName("nginx")] string Nginx,
    [property: JsonPropertyName("rate_fraction")] double? RateFraction,
    [property: JsonPropertyName("proxy_jit_warmup_seconds")] IReadOnlyDictionary<string, double> ProxyJitWarmupSeconds);
