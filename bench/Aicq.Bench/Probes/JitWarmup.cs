using System.Diagnostics;

namespace Aicq.Bench.Probes;

/// <summary>
/// Brings the API's code to its optimised (tier-1) form before anything is measured. The runtime recompiles
/// hot methods on a background thread; on one saturated core that thread gets so little time that a freshly
/// started API runs unoptimised code for the better part of a minute (see bench/README.md). So this warm-up
/// sends every scenario's requests at a gentle pace (a few workers, a pause after each request), leaving the
/// core mostly idle for the recompilation, until the API's JIT time stops growing or the time is up.
/// </summary>
internal static class JitWarmup
{
    private const int Workers = 4;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Minimum = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(3);

    // Settled: under 10 ms of JIT time in each of two check intervals in a row (a third of a percent of the core).
    private const double SettledJitSeconds = 0.01;
    private const int SettledChecks = 2;

    public sealed record Outcome(long Sent, long Failed, TimeSpan Took, bool Settled, double? JitSeconds);

    public static async Task<Outcome> RunAsync(
        HttpClient http, IReadOnlyList<IRequestSource> sources, TimeSpan maximum, JitMeter? jit, CancellationToken cancellationToken)
    {
        long sent = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !done.IsCancellationRequested; i++)
            {
                using var request = sources[i % sources.Count].Next();
                if (request is null) continue;
                try
                {
                    using var response = await http.SendAsync(request, done.Token);
                    await response.Content.ReadAsByteArrayAsync(done.Token);
                    Interlocked.Increment(ref sent);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failed);
                    await Task.Delay(Pause, done.Token);
                }
                catch (OperationCanceledException) when (done.IsCancellationRequested)
                {
                }
            }
        }, CancellationToken.None)).ToList();

        var quietChecks = 0;
        var first = jit is null ? null : await jit.SecondsAsync(cancellationToken);
        var last = first;
        while (clock.Elapsed < maximum && !(quietChecks >= SettledChecks && clock.Elapsed >= Minimum))
        {
            await Task.Delay(CheckEvery, cancellationToken);
            var now = jit is null ? null : await jit.SecondsAsync(cancellationToken);
            quietChecks = now is not null && last is not null && now - last < SettledJitSeconds ? quietChecks + 1 : 0;
            last = now;
        }
        var settled = quietChecks >= SettledChecks;
        await done.CancelAsync();
        await Task.WhenAll(workers);
        return new Outcome(sent, failed, clock.Elapsed, settled, last - first);
    }
}
