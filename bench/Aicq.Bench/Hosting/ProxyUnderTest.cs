using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Aicq.Bench.Probes;

namespace Aicq.Bench.Hosting;

/// <summary>
/// An HTTPS reverse proxy in front of the API: our edge (Release, one core, a 128 MB GC heap), the bare
/// Kestrel + YARP floor under it (same runtime settings), or Debian's nginx (one worker, keep-alive upstream
/// pool). All pinned to one core, all serving the same certificate.
/// </summary>
internal sealed class ProxyUnderTest : IAsyncDisposable
{
    /// <summary>
    /// Rate limits stay on but can never refuse a benchmark: GET /room is 120 a minute by default, and the
    /// multiplier stops at 1000 (2,000/s, below what one core serves), so the read_room row is overridden instead.
    /// </summary>
    public const string RateLimitMultiplier = "1000";
    public const string RateLimitOverrides = "read_room=100000000/1m";

    private readonly ChildProcess _process;

    private ProxyUnderTest(string via, ChildProcess process, Uri baseAddress, ProcessProbe probe, Uri? metricsUrl)
    {
        Via = via;
        _process = process;
        BaseAddress = baseAddress;
        Probe = probe;
        MetricsUrl = metricsUrl;
    }

    public string Via { get; }
    public Uri BaseAddress { get; }

    /// <summary>The process doing the work: the edge, or nginx's one worker.</summary>
    public ProcessProbe Probe { get; }

    /// <summary>The edge's internal /metrics (for the JIT meter); null for nginx and the bare proxy.</summary>
    public Uri? MetricsUrl { get; }

    /// <summary>The edge's environment as started: recorded with the results.</summary>
    public static Dictionary<string, string> EdgeEnvironment(bool rateLimits, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = BaseEdgeEnvironment(rateLimits);
        foreach (var (name, value) in extra ?? new Dictionary<string, string>()) environment[name] = value;
        return environment;
    }

    private static Dictionary<string, string> BaseEdgeEnvironment(bool rateLimits) => new()
    {
        ["RATE_LIMIT_ENABLED"] = rateLimits ? "true" : "false",
        ["RATE_LIMIT_MULTIPLIER"] = RateLimitMultiplier,
        ["RATE_LIMIT_OVERRIDES"] = RateLimitOverrides,
        ["EDGE_HTTP_PORT"] = "0",
        ["ENV"] = "production",
        ["LOG_FORMAT"] = "json",
        ["LOG_LEVEL"] = "warning",
        ["DOTNET_PROCESSOR_COUNT"] = "1",
        ["DOTNET_GCHeapHardLimit"] = "0x8000000",
        ["DOTNET_gcServer"] = "0",
    };

    public static string EdgeDll => Path.Combine(RepoPaths.Root, "src", "Aicq.Edge", "bin", "Release", "net10.0", "Aicq.Edge.dll");

    /// <summary>Kestrel, TLS and YARP and nothing else (<c>bench/Aicq.Bench.BareProxy</c>), for the <c>bare-yarp</c> rows.</summary>
    public static string BareProxyDll => Path.Combine(RepoPaths.Root, "bench", "Aicq.Bench.BareProxy", "bin", "Release", "net10.0", "Aicq.Bench.BareProxy.dll");

    /// <summary>A local CA and a server certificate for 127.0.0.1 (<c>Aicq.Edge --make-dev-cert</c>); returns the CA to trust.</summary>
    public static async Task<(string Directory, X509Certificate2 Ca)> MakeCertificateAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(EdgeDll)) throw new InvalidOperationException($"{EdgeDll} is missing; build it with: dotnet build -c Release bench/Aicq.Bench");
        var directory = TestState.NewDirectory("tls");
        var info = new ProcessStartInfo(ChildProcess.Dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { EdgeDll, "--make-dev-cert", directory }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the edge");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken) + await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"--make-dev-cert failed ({process.ExitCode}): {output}");
        return (directory, X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(directory, "ca.crt"))));
    }

    public static async Task<ProxyUnderTest> StartAsync(
        string via, ApiUnderTest api, string tlsDirectory, X509Certificate2 ca, int? core, string logDirectory,
        IReadOnlyDictionary<string, string> edgeEnvironment, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"https://127.0.0.1:{port}/");
        ChildProcess process;
        Uri? metricsUrl = null;
        if (via == "nginx")
        {
            var directory = TestState.NewDirectory("nginx");
            var config = NginxConfig.Write(directory, port, api.BaseAddress, tlsDirectory);
            process = ChildProcess.Start(Nginx(), ["-p", directory + "/", "-c", config, "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;"],
                new ChildProcessOptions { Name = "nginx", WorkingDirectory = directory, Core = core, LogFile = Path.Combine(logDirectory, "nginx.log") });
        }
        else
        {
            var internalPort = FreePort.Next();
            var environment = EdgeEnvironment(rateLimits: via == "edge", edgeEnvironment);
            environment["EDGE_UPSTREAMS"] = api.BaseAddress.ToString().TrimEnd('/');
            environment["EDGE_HTTPS_PORT"] = port.ToString(CultureInfo.InvariantCulture);
            environment["EDGE_INTERNAL_PORT"] = internalPort.ToString(CultureInfo.InvariantCulture);
            environment["TLS_CERT_PATH"] = Path.Combine(tlsDirectory, "server.crt");
            environment["TLS_KEY_PATH"] = Path.Combine(tlsDirectory, "server.key");
            environment["REDIS_URL"] = (api.RedisUrl ?? throw new InvalidOperationException("the edge needs the bench's own Redis")) + "/1";
            var dll = via == "bare-yarp" ? BareProxyDll : EdgeDll;
            if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing; build it with: dotnet build -c Release bench/Aicq.Bench");
            process = ChildProcess.Start(ChildProcess.Dotnet, [dll], new ChildProcessOptions
            {
                Name = via, WorkingDirectory = Path.GetDirectoryName(dll), Environment = environment.ToDictionary(e => e.Key, e => (string?)e.Value),
                Core = core, LogFile = Path.Combine(logDirectory, $"{via}.log"),
            });
            // The bare proxy has no metrics: its warm-up runs for the whole --proxy-jit-warmup.
            metricsUrl = via == "bare-yarp" ? null : new Uri($"http://127.0.0.1:{internalPort}/metrics");
        }
        try
        {
            await WaitUntilServingAsync(process, baseAddress, ca, cancellationToken);
            // nginx's master only reads the configuration; its one worker serves.
            var worker = via == "nginx" ? ProcFs.Children(process.Id).Single() : process.Id;
            return new ProxyUnderTest(via, process, baseAddress, new ProcessProbe(worker), metricsUrl);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    /// <summary>Until the API answers through the proxy over HTTPS (the edge also waits for its upstream health check).</summary>
    private static async Task WaitUntilServingAsync(ChildProcess process, Uri baseAddress, X509Certificate2 ca, CancellationToken cancellationToken)
    {
        using var http = LoadRunner.CreateClient(baseAddress, 1, ca);
        http.Timeout = TimeSpan.FromSeconds(2);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw process.Failure("exited before it served");
            try
            {
                using var response = await http.GetAsync("api", cancellationToken);
                if (response.IsSuccessStatusCode) return;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e.Message;
            }
            await Task.Delay(200, cancellationToken);
        }
        throw process.Failure($"did not serve GET /api within 60 s (last: {last})");
    }

    private static string Nginx() =>
        new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nginx is not installed (Debian: apt-get install -y nginx)");
}
