using System.Security.Cryptography.X509Certificates;

namespace Aicq.Testing.Load;

/// <summary>
/// A closed-loop load generator: <c>connections</c> workers share one HttpClient whose pool allows exactly that
/// many HTTP/1.1 connections, so each worker owns one connection and sends its next request as soon as the
/// previous response is fully read. Closed-loop latencies are service times under that concurrency; they
/// do not include the queueing an open-loop (fixed arrival rate) test would see when the server falls behind.
/// </summary>
public static class LoadRunner
{
    /// <summary>A pool of <paramref name="connections"/> HTTP/1.1 connections; <paramref name="trustedCa"/> is the only root trusted for HTTPS.</summary>
    public static HttpClient CreateClient(Uri baseAddress, int connections, X509Certificate2? trustedCa = null) =>
        new(new SocketsHttpHandler
        {
            SslOptions = trustedCa is null ? new SslClientAuthenticationOptions() : new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { trustedCa },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    /// <summary>
    /// Runs warm-up then the measured window; <paramref name="window"/> is shared with the probes. With a
    /// <paramref name="rate"/> (requests per second, warm-up included) the loop is open: requests arrive at that
    /// fixed rate and the connections only bound how many are in flight. An <paramref name="observer"/> sees every outcome.
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        HttpClient http, IRequestSource source, int connections, MeasureWindow window, TimeSpan duration, CancellationToken cancellationToken,
        double? rate = null, IResponseObserver? observer = null)
    {
        var schedule = rate is null ? null : new OpenLoopSchedule(rate.Value);
        var workers = Enumerable.Range(0, connections).Select(_ => new LoadWorker()).ToArray();
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(http, source, window, schedule, cancellationToken, observer), cancellationToken)));
        return LoadResult.Merge(workers, duration);
    }
}
