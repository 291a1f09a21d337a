using System.Diagnostics;

namespace Aicq.Bench.Load;

/// <summary>
/// One closed loop: send, read the whole response, record, repeat. Only responses that complete inside the
/// measured window count; each worker records into its own lists, so the loop takes no locks.
/// </summary>
internal sealed class LoadWorker
{
    private readonly byte[] _drain = new byte[16 * 1024];

    /// <summary>Latencies of 2xx responses, in Stopwatch ticks.</summary>
    public List<long> Latencies { get; } = new(8192);

    public Dictionary<int, long> NonSuccess { get; } = [];
    public long Errors { get; private set; }
    public string? FirstError { get; private set; }
    public long ResponseBytes { get; private set; }
    public bool RanOut { get; private set; }

    public async Task RunAsync(HttpClient http, IRequestSource source, MeasureWindow window, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < window.End)
        {
            using var request = source.Next();
            if (request is null)
            {
                RanOut = true;
                return;
            }
            var started = Stopwatch.GetTimestamp();
            var (status, bytes, error) = await SendAsync(http, request, cancellationToken);
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

    private async Task<(int Status, long Bytes, string? Error)> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(_drain, cancellationToken)) > 0) total += read;
            return ((int)response.StatusCode, total, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (0, 0, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
