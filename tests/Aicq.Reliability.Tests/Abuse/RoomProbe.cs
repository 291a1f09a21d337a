namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// A well-behaved client watching the edge during an attack: <c>GET /room/{global}</c> every 100 ms, open loop (a
/// slow answer does not delay the next request), each bounded by 5 s. It takes a new address every 60 requests so
/// that it stays within the route's 120 a minute per address and measures the edge, not its own budget.
/// </summary>
public sealed class RoomProbe : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private const int PerAddress = 60;

    private readonly EdgeProcess _edge;
    private readonly List<HttpClient> _clients = [];
    private readonly List<Task<(double Ms, string? Failure)>> _requests = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private RoomProbe(EdgeProcess edge)
    {
        _edge = edge;
        _loop = RunAsync();
    }

    public static RoomProbe Start(EdgeProcess edge) => new(edge);

    /// <summary>Stops sending and returns every request's latency and failure (null when it got a 200).</summary>
    public async Task<IReadOnlyList<(double Ms, string? Failure)>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return await Task.WhenAll(_requests);
    }

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            if (i % PerAddress == 0) _clients.Add(_edge.Client(AbuseAppliance.NextAddress()));
            _requests.Add(SendAsync(_clients[^1]));
            var wait = Interval * (i + 1) - clock.Elapsed;
            if (wait <= TimeSpan.Zero) continue;
            try
            {
                await Task.Delay(wait, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<(double Ms, string? Failure)> SendAsync(HttpClient client)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await client.GetAsync($"/room/{AicqClient.GlobalRoomId}?limit=5", timeout.Token);
            await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return (ms, (int)response.StatusCode == 200 ? null : $"status {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, e.GetType().Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        foreach (var client in _clients) client.Dispose();
        _stop.Dispose();
    }
}
