namespace Aicq.Testing.Load;

/// <summary>The send times of a fixed arrival rate, handed out in order to whichever connection asks next.</summary>
public sealed class OpenLoopSchedule(double requestsPerSecond)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly double _ticksBetween = Stopwatch.Frequency / requestsPerSecond;
    private long _sent = -1;

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the next request is due.</summary>
    public long Next() => _start + (long)(Interlocked.Increment(ref _sent) * _ticksBetween);
}
