using System.Globalization;
using System.Text.Json.Serialization;
using Aicq.Bench.Options;
using Aicq.Bench.Probes;

namespace Aicq.Bench.Hosting;

/// <summary>
/// The API being measured: either one the user already runs (<c>--api-url</c>), or a throwaway stack of its
/// own: PostgreSQL and Redis pinned to the load side's core and the Release API pinned to the other one,
/// with production's limits (one core, a 256 MB GC heap, workstation GC).
/// </summary>
internal sealed class ApiUnderTest : IAsyncDisposable
{
    /// <summary>Long enough that requests signed before the timed run are still inside the window when sent.</summary>
    public const int SignatureWindowSeconds = 600;

    private readonly List<IAsyncDisposable> _owned = [];

    private ApiUnderTest(
        Uri baseAddress, ProcessProbe? probe, ApiDescription description, IReadOnlyDictionary<string, int>? dependencies = null, Uri? metricsUrl = null)
    {
        BaseAddress = baseAddress;
        MetricsUrl = metricsUrl;
        Probe = probe;
        Description = description;
        Dependencies = dependencies ?? new Dictionary<string, int>();
    }

    public Uri BaseAddress { get; }

    /// <summary>The API process, when known, for RSS and CPU.</summary>
    public ProcessProbe? Probe { get; }

    public ApiDescription Description { get; }

    /// <summary>The API's internal <c>/metrics</c>, when the bench started it (for the JIT meter).</summary>
    public Uri? MetricsUrl { get; }

    /// <summary>The Redis the bench started (null for an external API); a proxy in front can use it too.</summary>
    public string? RedisUrl { get; private init; }

    /// <summary>Root process ids of the PostgreSQL and Redis the bench started (none for an external API), for their CPU use.</summary>
    public IReadOnlyDictionary<string, int> Dependencies { get; }

    public static ApiUnderTest External(RunOptions options) => new(
        options.ApiUrl!,
        options.ApiPid is { } pid ? new ProcessProbe(pid) : null,
        new ApiDescription(false, options.ApiUrl!.ToString(), null, null, null, options.ApiPid is null ? "not measured (no --api-pid)" : null));

    public static async Task<ApiUnderTest> StartAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var dll = options.ApiDll ?? Path.Combine(RepoPaths.Root, "src", "Aicq.Api", "bin", "Release", "net10.0", "Aicq.Api.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing; build it with: dotnet build -c Release bench/Aicq.Bench");
        var pin = options.Pin && CpuPinning.Available;
        var postgresTask = PostgresServer.StartAsync(cancellationToken);
        var redisTask = RedisServer.StartAsync(cancellationToken);
        var stack = new List<IAsyncDisposable>();
        try
        {
            try
            {
                await Task.WhenAll(postgresTask, redisTask);
            }
            finally
            {
                if (postgresTask.IsCompletedSuccessfully) stack.Add(postgresTask.Result);
                if (redisTask.IsCompletedSuccessfully) stack.Add(redisTask.Result);
            }
            var (postgres, redis) = (postgresTask.Result, redisTask.Result);
            var dependencies = new Dictionary<string, int>
            {
                ["postgres"] = PidFrom(Path.Combine(postgres.Directory, "data", "postmaster.pid")),
                ["redis"] = PidFrom(Path.Combine(redis.Directory, "redis.pid")),
            };
            if (pin)
            {
                foreach (var pid in dependencies.Values) await CpuPinning.PinTreeAsync(pid, options.DepsCore);
            }
            var port = FreePort.Next();
            var metricsPort = FreePort.Next();
            var environment = new Dictionary<string, string>
            {
                ["DATABASE_URL"] = await postgres.CreateDatabaseAsync("aicq_bench"),
                ["REDIS_URL"] = redis.Url,
                ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["METRICS_PORT"] = metricsPort.ToString(CultureInfo.InvariantCulture),
                ["BIND_ADDRESS"] = "127.0.0.1",
                ["ENV"] = "production",
                ["LOG_FORMAT"] = "json",
                ["LOG_LEVEL"] = "warning",
                ["SIGNATURE_WINDOW_SECONDS"] = SignatureWindowSeconds.ToString(CultureInfo.InvariantCulture),
                // Production is one shared CPU with 512 MB: one core for the runtime, a 256 MB GC heap, workstation GC.
                ["DOTNET_PROCESSOR_COUNT"] = "1",
                ["DOTNET_GCHeapHardLimit"] = "0x10000000",
                ["DOTNET_gcServer"] = "0",
            };
            foreach (var (name, value) in options.ApiEnvironment) environment[name] = value;
            // Beside the results when there are any, since the state folder is removed at exit.
            var log = options.OutFile is null ? Path.Combine(TestState.Root, "api.log") : Path.ChangeExtension(options.OutFile, ".api.log");
            var api = ChildProcess.Start(ChildProcess.Dotnet, [dll], new ChildProcessOptions
            {
                Name = "aicq-api", WorkingDirectory = Path.GetDirectoryName(dll), Environment = environment.ToDictionary(e => e.Key, e => (string?)e.Value),
                Core = pin ? options.ApiCore : null, LogFile = log,
            });
            stack.Add(api);
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            // Ready: migrations applied, PostgreSQL and Redis reachable.
            await api.WaitForHttpAsync(new Uri(baseAddress, "health/ready").ToString(), TimeSpan.FromSeconds(90), cancellationToken: cancellationToken);
            var probe = new ProcessProbe(api.Id);
            var description = new ApiDescription(
                true, baseAddress.ToString(), pin ? options.ApiCore : null, pin ? options.DepsCore : null,
                environment.Where(e => e.Key.StartsWith("DOTNET_", StringComparison.Ordinal) || options.ApiEnvironment.ContainsKey(e.Key)
                                      || e.Key is "SIGNATURE_WINDOW_SECONDS" or "LOG_LEVEL" or "ENV")
                    .ToDictionary(e => e.Key, e => e.Value),
                null)
            { IdleRssMb = probe.RssKb() is { } rss ? Math.Round(rss / 1024.0, 1) : null, LogFile = api.LogFile };
            var started = new ApiUnderTest(baseAddress, probe, description, dependencies, new Uri($"http://127.0.0.1:{metricsPort}/metrics"))
            {
                RedisUrl = redis.Url,
            };
            // Disposed in reverse: the API first, then Redis and PostgreSQL.
            stack.Reverse();
            started._owned.AddRange(stack);
            return started;
        }
        catch
        {
            stack.Reverse();
            foreach (var owned in stack) await owned.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync();
    }

    private static int PidFrom(string pidFile) =>
        int.Parse(File.ReadLines(pidFile).First().Trim(), CultureInfo.InvariantCulture);
}

/// <summary>How the measured API ran, recorded next to its numbers.</summary>
internal sealed record ApiDescription(
    [property: JsonPropertyName("started_by_bench")] bool StartedByBench,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("api_core")] int? ApiCore,
    [property: JsonPropertyName("deps_core")] int? DepsCore,
    [property: JsonPropertyName("environment")] IReadOnlyDictionary<string, string>? Environment,
    [property: JsonPropertyName("memory_note")] string? MemoryNote)
{
    [JsonPropertyName("idle_rss_mb")]
    public double? IdleRssMb { get; init; }

    [JsonPropertyName("log_file")]
    public string? LogFile { get; init; }
}
