using System.Globalization;

namespace Aicq.Bench.Probes;

/// <summary>
/// Reads the API's total JIT compilation time from its internal metrics port
/// (<c>system_runtime_dotnet_jit_compilation_time</c>, the runtime's own meter): tells when the runtime has
/// finished recompiling hot code, and how much of a measured window went to the JIT.
/// </summary>
internal sealed class JitMeter(Uri metricsUrl) : IDisposable
{
    private const string Metric = "system_runtime_dotnet_jit_compilation_time ";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Seconds spent in the JIT since the API started, or null if the metric could not be read.</summary>
    public async Task<double?> SecondsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await _http.GetStringAsync(metricsUrl, cancellationToken);
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(Metric, StringComparison.Ordinal));
            return line is not null && double.TryParse(line[Metric.Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
