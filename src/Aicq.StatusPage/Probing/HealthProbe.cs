using System.Diagnostics;

namespace Aicq.StatusPage.Probing;

/// <summary>Sends one GET to a health URL and reports status, latency and the parsed body.</summary>
internal sealed class HealthProbe(HttpClient http, TimeSpan timeout)
{
    private const int MaxBodyBytes = 64 * 1024;

    public async Task<ProbeObservation> ProbeAsync(Uri url, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await ReadBodyAsync(response, deadline.Token);
            return new ProbeObservation((int)response.StatusCode, watch.Elapsed.TotalMilliseconds, null, HealthBodyReader.Read(body));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return ProbeObservation.Unreachable(FailureText.Of(e, timeout), watch.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The body of a 2xx answer to a GET of <paramref name="url"/> (at most 64 KiB), or null when there is none.</summary>
    public async Task<byte[]?> ReadAsync(Uri url, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.IsSuccessStatusCode ? await ReadBodyAsync(response, deadline.Token) : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0) total += read;
        return buffer[..total];
    }
}
