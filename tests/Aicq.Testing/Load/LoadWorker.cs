namespace Aicq.Testing.Load;

/// <summary>
/// One closed loop: send, read the whole response, record, repeat. Only responses that complete inside the
/// measured window count; each worker records into its own lists, so the loop takes no locks.
/// </summary>
public sealed class LoadWorker
{
    private readonly byte[] _drain = new byte[16 * 1024];

    /// <summary>Latencies of 2xx responses, in Stopwatch ticks.</summary>
    public List<long> Latencies { get; } = new(8192);

    public Dictionary<int, long> NonSuccess { get; } = [];
    public long Errors { get; private set; }
    public string? FirstError { get; private set; }
    public long ResponseBytes { get; private set; }
    public bool RanOut { get; private set; }

    /// <summary>
    /// Closed loop without a <paramref name="schedule"/>. With one, each request waits for its slot of the fixed
    /// arrival rate; a request whose slot passed while this connection was still busy is timed from its slot, so
    /// the queueing a slow server causes counts (no coordinated omission), while timer slack of an idle worker does not.
    /// </summary>
    public async Task RunAsync(
        HttpClient http, IRequestSource source, MeasureWindow window, OpenLoopSchedule? schedule, CancellationToken cancellationToken,
        IResponseObserver? observer = null)
    {
        while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < window.End)
        {
            long? due = null;
            if (schedule is not null)
            {
                var slot = schedule.Next();
                if (slot >= window.End) return;
                var now = Stopwatch.GetTimestamp();
                if (slot > now) await Task.Delay(Stopwatch.GetElapsedTime(now, slot), cancellationToken);
                else due = slot;
            }
            using var request = source.Next();
            if (request is null)
            {
                RanOut = true;
                return;
            }
            var started = due ?? Stopwatch.GetTimestamp();
            var (status, bytes, error) = await SendAsync(http, request, started, observer, cancellationToken);
            var ended = Stopwatch.GetTimestamp();
            if (ended < window.Start || ended > window.End) continue;
            ResponseBytes += bytes;
            if (error is not null)
            {
                Errors++;
                FirstError ??= error;
            }
            else if (status is >= 200 and < 300) Latencies.Add(ended - started);
            else NonSuccess[status] = NonSuccess.GetValueOrDefault(status) + 1;
        }
    }

    private async Task<(int Status, long Bytes, string? Error)> SendAsync(
        HttpClient http, HttpRequestMessage request, long started, IResponseObserver? observer, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (observer is not null && observer.WantsBody(request))
            {
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                observer.Observe(new RequestOutcome(request, response, (int)response.StatusCode, content, started, Stopwatch.GetTimestamp(), null));
                return ((int)response.StatusCode, content.Length, null);
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(_drain, cancellationToken)) > 0) total += read;
            observer?.Observe(new RequestOutcome(request, response, (int)response.StatusCode, null, started, Stopwatch.GetTimestamp(), null));
            return ((int)response.StatusCode, total, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            observer?.Observe(new RequestOutcome(request, null, 0, null, started, Stopwatch.GetTimestamp(), error));
            return (0, 0, error);
        }
    }
}
