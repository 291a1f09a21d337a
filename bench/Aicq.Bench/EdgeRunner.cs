using System.Security.Cryptography.X509Certificates;
using Aicq.Bench.Hosting;
using Aicq.Bench.Options;
using Aicq.Bench.Probes;
using Aicq.Bench.Reporting;
using Aicq.Bench.Scenarios;

namespace Aicq.Bench;

/// <summary>
/// <c>Aicq.Bench edge</c>: one API stack, one public room of 50 messages, and <c>GET /room/{id}</c> measured
/// against the API directly and then through each proxy in turn (started fresh, measured, stopped). Each gets
/// the same three steps: closed loop at the main connection count, closed loop at the RSS connection count, and
/// an open loop at a fixed rate derived from direct's closed-loop throughput.
/// </summary>
internal static class EdgeRunner
{
    public static async Task<int> RunAsync(EdgeOptions edge, CancellationToken cancellationToken)
    {
        var options = edge.Run;
        var machine = MachineInfo.Read();
        var startedAt = DateTimeOffset.UtcNow;
        var pin = options.Pin && CpuPinning.Available;
        Console.WriteLine("Starting PostgreSQL, Redis and the API …");
        await using var api = await ApiUnderTest.StartAsync(options, cancellationToken);
        Console.WriteLine($"API pid {api.Probe?.Pid} at {api.BaseAddress}, idle RSS {api.Description.IdleRssMb} MB");
        var logs = Path.GetDirectoryName(options.OutFile) ?? Aicq.Testing.TestState.Root;

        using var setupHttp = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var seeder = new Seeder(setupHttp);
        await seeder.InitializeAsync(cancellationToken);
        IScenario scenario = new RoomReadScenario(isPrivate: false);
        await scenario.PrepareAsync(seeder, options, cancellationToken);
        var requests = scenario.MeasuredRequests(options);
        var (tls, ca) = await ProxyUnderTest.MakeCertificateAsync(cancellationToken);

        var warmups = new Dictionary<string, double>();
        using (var jit = new JitMeter(api.MetricsUrl!))
        {
            var warmed = await WarmUpAsync("API", setupHttp, requests, options.JitWarmup, jit, cancellationToken);
            warmups["api"] = warmed.TotalSeconds;
        }

        var rows = new List<ViaResult>();
        double? rate = options.Rate;
        foreach (var via in edge.Vias)
        {
            await using var proxy = via == "direct" ? null
                : await ProxyUnderTest.StartAsync(via, api, tls, ca, pin ? edge.ProxyCore : null, logs, edge.EdgeEnvironment, cancellationToken);
            if (proxy is not null) Console.WriteLine($"[{via}] pid {proxy.Probe.Pid} at {proxy.BaseAddress}");
            if (proxy is not null && via != "nginx" && edge.ProxyJitWarmup > TimeSpan.Zero)
            {
                using var jit = proxy.MetricsUrl is { } metrics ? new JitMeter(metrics) : null;
                using var http = LoadRunner.CreateClient(proxy.BaseAddress, 4, ca);
                warmups[via] = (await WarmUpAsync(via, http, requests, edge.ProxyJitWarmup, jit, cancellationToken)).TotalSeconds;
            }
            var step = new Step(via, api, proxy, ca, requests, options.Warmup);
            var closed = await step.MeasureAsync(options.Connections, options.Duration, null, cancellationToken);
            rows.Add(closed);
            rows.Add(await step.MeasureAsync(edge.RssConnections, edge.RssDuration, null, cancellationToken));
            rate ??= Math.Round(closed.RequestsPerSecond * edge.RateFraction);
            if (rate > 0) rows.Add(await step.MeasureAsync(options.Connections, options.Duration, rate, cancellationToken));
        }

        Console.WriteLine();
        Console.Write(ViaTable.Render(rows));
        var run = new BenchResults(startedAt, machine, api.Description, CpuPinning.OwnCores,
            new JitWarmupResult(Math.Round(warmups["api"], 1), true, 0), MachineInfo.CurrentLoadAverage(), [])
        {
            Via = rows,
            ProxySetup = new ProxySetup(pin ? edge.ProxyCore : null, ProxyUnderTest.EdgeEnvironment(rateLimits: true, edge.EdgeEnvironment), NginxConfig.Summary,
                options.Rate is null ? edge.RateFraction : null, warmups.Where(w => w.Key != "api").ToDictionary(w => w.Key, w => Math.Round(w.Value, 1))),
        };
        if (options.OutFile is not null)
        {
            run.Save(options.OutFile);
            Console.WriteLine($"Results written to {options.OutFile}");
        }
        return 0;
    }

    private static async Task<TimeSpan> WarmUpAsync(
        string what, HttpClient http, IRequestSource requests, TimeSpan maximum, JitMeter? jit, CancellationToken cancellationToken)
    {
        if (maximum <= TimeSpan.Zero) return TimeSpan.Zero;
        Console.WriteLine($"JIT warm-up of the {what}: paced requests until its JIT settles (at most {maximum.TotalSeconds:0} s) …");
        var outcome = await JitWarmup.RunAsync(http, [requests], maximum, jit, cancellationToken);
        Console.WriteLine($"  {outcome.Sent} requests ({outcome.Failed} not 2xx) in {outcome.Took.TotalSeconds:0} s; " +
                          (outcome.Settled ? "JIT settled" : "JIT not known to have settled"));
        return outcome.Took;
    }

    /// <summary>One target (the API, or a proxy in front of it) measured with a fresh connection pool per step.</summary>
    private sealed record Step(
        string Via, ApiUnderTest Api, ProxyUnderTest? Proxy, X509Certificate2 Ca, IRequestSource Requests, TimeSpan Warmup)
    {
        public async Task<ViaResult> MeasureAsync(int connections, TimeSpan duration, double? rate, CancellationToken cancellationToken)
        {
            Console.WriteLine($"[{Via}] {connections} connections{(rate is null ? ", closed loop" : $", open loop at {rate:0} req/s")}, " +
                              $"warm-up {Warmup.TotalSeconds:0} s, measuring {duration.TotalSeconds:0} s …");
            using var http = LoadRunner.CreateClient(Proxy?.BaseAddress ?? Api.BaseAddress, connections, Ca);
            var window = MeasureWindow.After(Warmup, duration);
            // The probe's main process is the proxy when there is one; the API's CPU is then read like a dependency's.
            var others = new Dictionary<string, int>(Api.Dependencies);
            if (Proxy is not null && Api.Probe is not null) others["api"] = Api.Probe.Pid;
            ProbeResult seen;
            LoadResult load;
            await using (var probe = new ScenarioProbe(Proxy?.Probe ?? Api.Probe, others, null, window))
            {
                load = await LoadRunner.RunAsync(http, Requests, connections, window, duration, cancellationToken, rate);
                seen = await probe.FinishAsync();
            }
            var l = load.Latency;
            var result = new ViaResult(
                Via, rate, connections, Warmup.TotalSeconds, duration.TotalSeconds, load.Succeeded, Math.Round(load.RequestsPerSecond, 1),
                new LatencyMs(R(l.Mean), R(l.P50), R(l.P90), R(l.P99), R(l.P999), R(l.Max)), load.NonSuccess, load.Errors, load.FirstError,
                Proxy is null ? seen.ApiCpuPercent : seen.DependencyCpuPercent.GetValueOrDefault("api"),
                Proxy is null ? null : seen.ApiCpuPercent,
                seen.LoadGeneratorCpuPercent, seen.CoreBusyPercent,
                Proxy is null ? null : seen.ApiPeakRssMb,
                Math.Round(load.ResponseBytesPerRequest));
            Console.WriteLine(ViaTable.Render([result]).Split('\n')[2]);
            if (load.FirstError is not null) Console.WriteLine($"  first error: {load.FirstError}");
            return result;
        }

        private static double R(double ms) => Math.Round(ms, 3);
    }
}
