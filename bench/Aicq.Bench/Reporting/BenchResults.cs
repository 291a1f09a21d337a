using System.Text.Json;
using System.Text.Json.Serialization;
using Aicq.Bench.Hosting;
using Aicq.Bench.Probes;

namespace Aicq.Bench.Reporting;

/// <summary>One <c>run</c>: where and how it ran and what each scenario measured. Written by <c>--out</c>, read by <c>report</c>.</summary>
internal sealed record BenchResults(
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("machine")] MachineInfo Machine,
    [property: JsonPropertyName("api")] ApiDescription Api,
    [property: JsonPropertyName("load_generator_cores")] int LoadGeneratorCores,
    [property: JsonPropertyName("jit_warmup")] JitWarmupResult JitWarmup,
    [property: JsonPropertyName("load_average_after")] string LoadAverageAfter,
    [property: JsonPropertyName("scenarios")] IReadOnlyList<ScenarioResult> Scenarios)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Rows of <c>Aicq.Bench edge</c> (GET /room/{id} directly and through each proxy); null for <c>run</c>.</summary>
    [JsonPropertyName("via")]
    public IReadOnlyList<ViaResult>? Via { get; init; }

    /// <summary>How the proxies of <see cref="Via"/> ran.</summary>
    [JsonPropertyName("proxy_setup")]
    public ProxySetup? ProxySetup { get; init; }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    public static BenchResults Load(string path) =>
        JsonSerializer.Deserialize<BenchResults>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no results");
}

/// <summary>One scenario's numbers. Throughput and latencies count 2xx responses only; the rest are listed by status.</summary>
internal sealed record ScenarioResult(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("connections")] int Connections,
    [property: JsonPropertyName("warmup_seconds")] double WarmupSeconds,
    [property: JsonPropertyName("duration_seconds")] double DurationSeconds,
    [property: JsonPropertyName("requests_2xx")] long Requests,
    [property: JsonPropertyName("requests_per_second")] double RequestsPerSecond,
    [property: JsonPropertyName("latency_ms")] LatencyMs Latency,
    [property: JsonPropertyName("non_2xx")] IReadOnlyDictionary<int, long> NonSuccess,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("first_error")] string? FirstError,
    [property: JsonPropertyName("response_bytes")] double ResponseBytes,
    [property: JsonPropertyName("api_cpu_percent")] double? ApiCpuPercent,
    [property: JsonPropertyName("api_jit_seconds")] double? ApiJitSeconds,
    [property: JsonPropertyName("load_generator_cpu_percent")] double LoadGeneratorCpuPercent,
    [property: JsonPropertyName("dependency_cpu_percent")] IReadOnlyDictionary<string, double> DependencyCpuPercent,
    [property: JsonPropertyName("core_busy_percent")] IReadOnlyDictionary<int, double> CoreBusyPercent,
    [property: JsonPropertyName("api_peak_rss_mb")] double? ApiPeakRssMb,
    [property: JsonPropertyName("ran_out_of_requests")] bool RanOut,
    [property: JsonPropertyName("note")] string? Note)
{
    [JsonIgnore]
    public long NonSuccessTotal => NonSuccess.Values.Sum();
}

internal sealed record LatencyMs(
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p90")] double P90,
    [property: JsonPropertyName("p99")] double P99,
    [property: JsonPropertyName("p99_9")] double P999,
    [property: JsonPropertyName("max")] double Max);

/// <summary>How long the paced JIT warm-up ran and whether the API's JIT time had settled by then.</summary>
internal sealed record JitWarmupResult(
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("settled")] bool Settled,
    [property: JsonPropertyName("requests")] long Requests);
