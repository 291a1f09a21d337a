using Aicq.Bench.Hosting;
using Aicq.Bench.Options;
using Aicq.Bench.Probes;
using Aicq.Bench.Reporting;
using Aicq.Bench.Scenarios;

namespace Aicq.Bench;

/// <summary>
/// Prepares every chosen scenario, warms the API's JIT up with all of them, then measures them one after
/// another against the same API, each with a fresh connection pool.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Read();
        var startedAt = DateTimeOffset.UtcNow;
        WarnAboutSetup(options);
        Console.WriteLine(options.ApiUrl is null ? "Starting PostgreSQL, Redis and the API …" : $"Using the API at {options.ApiUrl}");
        await using var api = options.ApiUrl is null ? await ApiUnderTest.StartAsync(options, cancellationToken) : ApiUnderTest.External(options);
        if (api.Description.StartedByBench)
            Console.WriteLine($"API pid {api.Probe?.Pid} at {api.BaseAddress} (log {api.Description.LogFile}), idle RSS {api.Description.IdleRssMb} MB");

        using var setupHttp = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var seeder = new Seeder(setupHttp);
        await seeder.InitializeAsync(cancellationToken);
        var scenarios = options.Scenarios.Select(ScenarioCatalog.Create).ToList();
        foreach (var scenario in scenarios)
        {
            Console.WriteLine($"[{scenario.Name}] preparing …");
            await scenario.PrepareAsync(seeder, options, cancellationToken);
        }
        using var jit = api.MetricsUrl is null ? null : new JitMeter(api.MetricsUrl);
        var warmup = new JitWarmup.Outcome(0, 0, TimeSpan.Zero, false, null);
        if (options.JitWarmup > TimeSpan.Zero)
        {
            Console.WriteLine($"JIT warm-up: paced requests of every scenario until the API's JIT settles (at most {options.JitWarmup.TotalSeconds:0} s) …");
            warmup = await JitWarmup.RunAsync(setupHttp, scenarios.Select(s => s.WarmupRequests()).ToList(), options.JitWarmup, jit, cancellationToken);
            Console.WriteLine($"  {warmup.Sent} requests ({warmup.Failed} not 2xx) in {warmup.Took.TotalSeconds:0} s; " +
                              (warmup.Settled ? "JIT settled" : "JIT not known to have settled"));
        }

        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            var requests = scenario.MeasuredRequests(options);
            Console.WriteLine($"[{scenario.Name}] {options.Connections} connections{(options.Rate is { } rate ? $", open loop at {rate} req/s" : "")}, warm-up {options.Warmup.TotalSeconds:0} s, measuring {options.Duration.TotalSeconds:0} s …");
            results.Add(await MeasureAsync(scenario, requests, api, jit, options, cancellationToken));
            Console.WriteLine(ResultsTable.Render(results.TakeLast(1)).Split('\n')[2]);
        }

        Console.WriteLine();
        Console.Write(ResultsTable.Render(results));
        foreach (var failed in results.Where(r => r.FirstError is not null))
            Console.WriteLine($"{failed.Scenario}: first error: {failed.FirstError}");
        var run = new BenchResults(startedAt, machine, api.Description, CpuPinning.OwnCores,
            new JitWarmupResult(Math.Round(warmup.Took.TotalSeconds, 1), warmup.Settled, warmup.Sent),
            MachineInfo.CurrentLoadAverage(), results);
        if (options.OutFile is not null)
        {
            run.Save(options.OutFile);
            Console.WriteLine($"Results written to {options.OutFile}");
        }
        return 0;
    }

    private static async Task<ScenarioResult> MeasureAsync(
        IScenario scenario, IRequestSource requests, ApiUnderTest api, JitMeter? jit, RunOptions options, CancellationToken cancellationToken)
    {
        using var http = LoadRunner.CreateClient(api.BaseAddress, options.Connections);
        var window = MeasureWindow.After(options.Warmup, options.Duration);
        await using var probe = new ScenarioProbe(api.Probe, api.Dependencies, jit, window);
        var load = await LoadRunner.RunAsync(http, requests, options.Connections, window, options.Duration, cancellationToken, options.Rate);
        var seen = await probe.FinishAsync();
        var l = load.Latency;
        return new ScenarioResult(
            scenario.Name, options.Connections, options.Warmup.TotalSeconds, options.Duration.TotalSeconds,
            load.Succeeded, Math.Round(load.RequestsPerSecond, 1),
            new LatencyMs(Round(l.Mean), Round(l.P50), Round(l.P90), Round(l.P99), Round(l.P999), Round(l.Max)),
            load.NonSuccess, load.Errors, load.FirstError, Math.Round(load.ResponseBytesPerRequest),
            seen.ApiCpuPercent, seen.ApiJitSeconds, seen.LoadGeneratorCpuPercent, seen.DependencyCpuPercent, seen.CoreBusyPercent, seen.ApiPeakRssMb,
            load.RanOut, scenario.Note);
    }

    private static double Round(double ms) => Math.Round(ms, 3);

    private static void WarnAboutSetup(RunOptions options)
    {
        if (options.ApiUrl is null && options.Pin && CpuPinning.Available && CpuPinning.OwnCores > 1)
            Console.WriteLine($"note: the load generator may use all {CpuPinning.OwnCores} cores, including the API's core {options.ApiCore}; " +
                              $"run it as `taskset -c {options.DepsCore} dotnet Aicq.Bench.dll …` (bench/run.sh does) to keep them apart.");
        if (options.ApiUrl is not null && options.Scenarios.Contains("signed-post") && (options.Warmup + options.Duration).TotalSeconds > 20)
            Console.WriteLine("note: signed POSTs are signed right before their run; an API with the default 30 s SIGNATURE_WINDOW_SECONDS " +
                              "refuses those sent later than that with 401. Raise the window or shorten --warmup/--duration.");
    }
}
