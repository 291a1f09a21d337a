namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>One observation of one signal of one instance; <see cref="Value"/> is an HTTP status or a gauge value (-1: no answer).</summary>
public sealed record HealthSample(TimeSpan At, int Instance, string Signal, double Value);

/// <summary>
/// Samples, in the background and about four times a second, what operators and balancers see of each API instance
/// during a case: /health/live, /health/ready and /health straight at the instance, its health gauges, and whether the
/// edge keeps it in rotation. Times are on the clock of the case's traffic so they line up with its requests.
/// </summary>
public sealed class HealthWatch : IAsyncDisposable
{
    public const string Live = "live", Ready = "ready", Health = "health", Edge = "edge";

    private readonly ConcurrentQueue<HealthSample> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HealthWatch(ReliabilityAppliance appliance, Func<TimeSpan> now)
    {
        _loop = Task.Run(() => LoopAsync(appliance, now, _stop.Token));
    }

    public IReadOnlyList<HealthSample> Samples => [.. _samples];

    /// <summary>Samples of one signal (a gauge: "gauge:redis") of one instance within [from, to).</summary>
    public IReadOnlyList<HealthSample> Of(int instance, string signal, TimeSpan from, TimeSpan to) =>
        _samples.Where(s => s.Instance == instance && s.Signal == signal && s.At >= from && s.At < to).ToList();

    /// <summary>Whether, within the window, the signal was ever seen at <paramref name="value"/>.</summary>
    public bool Saw(int instance, string signal, double value, TimeSpan from, TimeSpan to) =>
        Of(instance, signal, from, to).Any(s => s.Value == value);

    private async Task LoopAsync(ReliabilityAppliance appliance, Func<TimeSpan> now, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        while (!stop.IsCancellationRequested)
        {
            await Task.WhenAll(Enumerable.Range(0, appliance.Apis.Length).Select(i => SampleAsync(appliance, i, http, now)));
            try { await Task.Delay(250, stop); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task SampleAsync(ReliabilityAppliance appliance, int i, HttpClient http, Func<TimeSpan> now)
    {
        var api = appliance.Apis[i];
        var probes = new (string Signal, Func<Task<IEnumerable<(string, double)>>> Read)[]
        {
            (Live, async () => [(Live, await StatusAsync(http, $"{api.BaseUrl}/health/live"))]),
            (Ready, async () => [(Ready, await StatusAsync(http, $"{api.BaseUrl}/health/ready"))]),
            (Health, async () => [(Health, await StatusAsync(http, $"{api.BaseUrl}/health"))]),
            ("gauge:any", async () => (await HealthSignals.ApiGaugesAsync(http, api.MetricsUrl)).Select(g => ("gauge:" + g.Key, g.Value))),
            (Edge, async () => [(Edge, await HealthSignals.EdgeUpstreamAsync(http, appliance.Edge.InternalUrl, api.Port) ?? -1)]),
        };
        await Task.WhenAll(probes.Select(async probe =>
        {
            var at = now();
            IEnumerable<(string Signal, double Value)> values;
            try { values = await probe.Read(); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { values = [(probe.Signal, -1)]; }
            foreach (var (signal, value) in values) _samples.Enqueue(new HealthSample(at, i, signal, value));
        }));
    }

    private static async Task<double> StatusAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        return (int)response.StatusCode;
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
