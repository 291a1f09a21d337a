namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>One request of a case, from the steady traffic or a probe, on the case's clock.</summary>
public sealed record Outcome(string Kind, TimeSpan Sent, TimeSpan Latency, int Status, bool Expected)
{
    public static Outcome From(TrafficRecord r) =>
        new(r.Kind.ToString().ToLowerInvariant(), r.Sent, r.Latency, r.Status, r.Succeeded);

    public bool IsServerFault => ServerFault.Is(Status);
}

/// <summary>
/// A slow stream of one kind of request the steady mix does not send (e.g. <c>GET /channels</c>, which needs PostgreSQL,
/// or a registration), a few a second through the edge, so a case can watch exactly the requests a fault affects.
/// </summary>
public sealed class Probe : IAsyncDisposable
{
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="send">Sends one request; <paramref name="expected"/> says which status is its normal success.</param>
    public Probe(string kind, HttpClient http, Func<HttpClient, Task<HttpResponseMessage>> send, int expected, Func<TimeSpan> now, TimeSpan every)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var sent = now();
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var response = await send(http);
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { status = 0; }
                _outcomes.Enqueue(new Outcome(kind, sent, Stopwatch.GetElapsedTime(started), status, status == expected));
                try { await Task.Delay(every, _stop.Token); }
                catch (OperationCanceledException) { return; }
            }
        });
    }

    public IReadOnlyList<Outcome> Outcomes => [.. _outcomes];

    private bool _disposed;

    /// <summary>Stops after the request in flight (which has its own timeout).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
