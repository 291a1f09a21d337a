using System.Diagnostics;

namespace Aicq.Bench.Probes;

/// <summary>
/// Watches one scenario: the API's peak RSS over warm-up and measurement (VmHWM reset at the start, plus
/// VmRSS sampled every 50 ms in case the kernel will not reset it), and CPU use inside the measured window
/// of the API, the load generator, PostgreSQL and Redis (when the bench started them) and each core, and
/// how long the API's JIT compiled in that window.
/// </summary>
internal sealed class ScenarioProbe : IAsyncDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(50);

    private readonly ProcessProbe? _api;
    private readonly bool _peakWasReset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly Task<(Snapshot Start, Snapshot End)> _window;
    private long _maxRssKb;

    public ScenarioProbe(ProcessProbe? api, IReadOnlyDictionary<string, int> dependencies, JitMeter? jit, MeasureWindow window)
    {
        _api = api;
        _peakWasReset = api?.TryResetPeak() ?? false;
        _sampling = api is null ? Task.CompletedTask : SampleAsync(api, _stop.Token);
        _window = WatchWindowAsync(api, dependencies, jit, window, _stop.Token);
    }

    /// <summary>Waits for the window to end, stops sampling and computes the figures.</summary>
    public async Task<ProbeResult> FinishAsync()
    {
        var (start, end) = await _window;
        await _stop.CancelAsync();
        await _sampling;
        var peakKb = _api is null ? (long?)null : Math.Max(_maxRssKb, _peakWasReset ? _api.PeakRssKb() ?? 0 : 0);
        var wall = end.Wall - start.Wall;
        return new ProbeResult(
            peakKb is null ? null : Math.Round(peakKb.Value / 1024.0, 1),
            start.Api is null || end.Api is null ? null : Percent(end.Api.Value - start.Api.Value, wall),
            start.Jit is null || end.Jit is null ? null : Math.Round(end.Jit.Value - start.Jit.Value, 3),
            Percent(end.Self - start.Self, wall),
            end.Dependencies.Where(d => start.Dependencies.ContainsKey(d.Key))
                .ToDictionary(d => d.Key, d => Percent(d.Value - start.Dependencies[d.Key], wall)),
            end.Cores.BusyPercentSince(start.Cores));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_sampling, _window);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    // Percent of one core: 100 means one core busy for the whole window.
    private static double Percent(TimeSpan cpu, TimeSpan wall) =>
        wall <= TimeSpan.Zero ? 0 : Math.Round(100 * cpu.TotalSeconds / wall.TotalSeconds, 1);

    private async Task SampleAsync(ProcessProbe api, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleEvery);
        do
        {
            if (api.RssKb() is { } rss && rss > _maxRssKb) _maxRssKb = rss;
        }
        while (await Ticked(timer, cancellationToken));
    }

    private static async Task<bool> Ticked(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<(Snapshot, Snapshot)> WatchWindowAsync(
        ProcessProbe? api, IReadOnlyDictionary<string, int> dependencies, JitMeter? jit, MeasureWindow window, CancellationToken cancellationToken)
    {
        await Task.Delay(window.UntilStart, cancellationToken);
        var start = await Snapshot.TakeAsync(api, dependencies, jit, cancellationToken);
        await Task.Delay(window.UntilEnd, cancellationToken);
        return (start, await Snapshot.TakeAsync(api, dependencies, jit, cancellationToken));
    }

    private sealed record Snapshot(
        TimeSpan Wall, TimeSpan? Api, double? Jit, TimeSpan Self, IReadOnlyDictionary<string, TimeSpan> Dependencies, CoreUsage Cores)
    {
        public static async Task<Snapshot> TakeAsync(
            ProcessProbe? api, IReadOnlyDictionary<string, int> dependencies, JitMeter? jit, CancellationToken cancellationToken)
        {
            var jitSeconds = jit is null ? null : await jit.SecondsAsync(cancellationToken);
            using var self = Process.GetCurrentProcess();
            return new Snapshot(
                TimeSpan.FromSeconds(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency),
                api?.CpuTime(),
                jitSeconds,
                self.TotalProcessorTime,
                dependencies.ToDictionary(d => d.Key, d => ProcFs.TreeCpuTime(d.Value)),
                CoreUsage.Read());
        }
    }
}

/// <summary>What <see cref="ScenarioProbe"/> saw; CPU percentages are of one core (100 = one core busy).</summary>
internal sealed record ProbeResult(
    double? ApiPeakRssMb,
    double? ApiCpuPercent,
    double? ApiJitSeconds,
    double LoadGeneratorCpuPercent,
    IReadOnlyDictionary<string, double> DependencyCpuPercent,
    IReadOnlyDictionary<int, double> CoreBusyPercent);
