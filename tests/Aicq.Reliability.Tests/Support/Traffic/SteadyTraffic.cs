using System.Security.Cryptography.X509Certificates;

namespace Aicq.Reliability.Tests.Support.Traffic;

/// <summary>
/// Steady open-loop traffic from the load generator the bench also uses (<see cref="LoadRunner"/>) at a fixed rate, running in the
/// background until <see cref="StopAsync"/>: the load under which the fault suite breaks things, and the load
/// of the load suite. Stopping lets every request in flight finish, so nothing acknowledged goes unrecorded.
/// </summary>
public sealed class SteadyTraffic : IAsyncDisposable
{
    private readonly MixedRequests _source;
    private readonly HttpClient _http;
    private readonly Task<LoadResult> _run;

    private SteadyTraffic(MixedRequests source, HttpClient http, Task<LoadResult> run, TrafficLog log)
    {
        _source = source;
        _http = http;
        _run = run;
        Log = log;
    }

    public TrafficLog Log { get; }

    /// <param name="baseUrl">Where agents send requests: the edge's public HTTPS URL, or an API instance.</param>
    /// <param name="trustedCa">The only CA trusted for HTTPS (the appliance's test CA).</param>
    /// <param name="rate">Requests per second; <paramref name="connections"/> bounds how many are in flight.</param>
    /// <param name="clock">The writers' clock (a test may skew it); the real clock when null.</param>
    public static SteadyTraffic Start(
        string baseUrl, X509Certificate2? trustedCa, TrafficMix mix, IReadOnlyList<Guid> rooms, IReadOnlyList<AgentIdentity> agents,
        double rate, int connections, TimeProvider? clock = null)
    {
        var source = new MixedRequests(mix, rooms, agents, clock);
        var http = LoadRunner.CreateClient(new Uri(baseUrl.TrimEnd('/') + "/"), connections, trustedCa);
        http.Timeout = TimeSpan.FromSeconds(30); // a hang shows as a request without a response after 30 s
        var log = new TrafficLog();
        var window = new MeasureWindow(Stopwatch.GetTimestamp(), long.MaxValue);
        var run = Task.Run(() => LoadRunner.RunAsync(http, source, connections, window, TimeSpan.FromDays(1), CancellationToken.None, rate, log));
        return new SteadyTraffic(source, http, run, log);
    }

    /// <summary>Stops sending and waits for the requests in flight (at most the client timeout).</summary>
    public async Task StopAsync()
    {
        _source.Stop();
        await _run.WaitAsync(TimeSpan.FromSeconds(45));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            try { await StopAsync(); }
            catch (TimeoutException) { }
        }
        _http.Dispose();
    }
}
