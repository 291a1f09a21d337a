namespace Aicq.Api.Overload;

/// <summary>
/// A concurrency limit that follows measured latency, after the gradient idea of Netflix's concurrency-limits: the
/// ratio of the long-run service time to the recent one says whether more concurrency only adds queueing inside the
/// process (recent latency up: the limit shrinks) or still adds throughput (latency flat: it grows by √limit).
/// Samples are taken in windows of a fixed count, so the algorithm has no clock of its own. Not thread-safe: the
/// <see cref="AdmissionGate"/> calls it under its lock.
/// </summary>
internal sealed class GradientLimit(int min, int max)
{
    /// <summary>Completions per window: enough to average out one slow request.</summary>
    public const int WindowSamples = 32;

    /// <summary>Recent latency may be this much above the long-run one before the limit shrinks.</summary>
    private const double Tolerance = 1.5;

    /// <summary>How far one window moves the limit towards its new value.</summary>
    private const double Smoothing = 0.2;

    /// <summary>The long-run latency is an average over about this many windows.</summary>
    private const int LongWindows = 100;

    private double _limit = max;
    private double _longRtt;
    private int _windows;
    private double _windowSum;
    private int _windowCount;
    private int _windowMaxInFlight;

    public int Current => (int)_limit;

    /// <summary>One finished request: how long it ran and how many ran beside it (itself included).</summary>
    public void Sample(TimeSpan serviceTime, int inFlight)
    {
        if (min == max) return;
        _windowSum += serviceTime.TotalMilliseconds;
        _windowMaxInFlight = Math.Max(_windowMaxInFlight, inFlight);
        if (++_windowCount < WindowSamples) return;
        Update(_windowSum / _windowCount, _windowMaxInFlight);
        _windowSum = 0;
        _windowCount = 0;
        _windowMaxInFlight = 0;
    }

    private void Update(double shortRtt, int maxInFlight)
    {
        shortRtt = Math.Max(shortRtt, 0.001);
        _windows++;
        var weight = _windows < LongWindows ? 1.0 / _windows : 2.0 / (LongWindows + 1);
        _longRtt += (shortRtt - _longRtt) * weight;
        // After a burst the long-run average is far above today's: let it come down faster, or the limit would
        // stay high through the next burst.
        if (_longRtt / shortRtt > 2) _longRtt *= 0.95;
        // An instance that never used half its limit has said nothing about a higher one.
        if (maxInFlight < _limit / 2) return;
        var gradient = Math.Clamp(Tolerance * _longRtt / shortRtt, 0.5, 1.0);
        var proposed = _limit * gradient + Math.Sqrt(_limit);
        _limit = Math.Clamp(_limit * (1 - Smoothing) + proposed * Smoothing, min, max);
    }
}
