namespace Aicq.Api.Overload;

/// <summary>
/// CoDel's test for a standing queue: a burst drains within one <see cref="Interval"/>, so only a queue whose waiting
/// time stayed at or above the target for a whole interval is overload. While it stands, new sheddable requests are
/// refused on arrival instead of joining a queue they would likely time out in. Any request that waited less than
/// the target, or an empty queue, ends it. It is fed the waits of sheddable requests only (see <see cref="AdmissionGate"/>):
/// more important requests overtake them, so their short waits say nothing about the queue the sheddable ones stand in. Not thread-safe: the <see cref="AdmissionGate"/> calls it under its lock.
/// </summary>
internal sealed class StandingQueue(TimeSpan target, TimeProvider time)
{
    /// <summary>CoDel's interval: longer than a burst, shorter than a user's patience.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private long? _aboveSince;

    public bool Standing { get; private set; }

    /// <summary>A request left the queue (admitted or timed out) after waiting <paramref name="sojourn"/>, at the <see cref="TimeProvider"/> timestamp <paramref name="now"/>.</summary>
    public void Left(TimeSpan sojourn, long now)
    {
        if (sojourn < target)
        {
            Drained();
            return;
        }
        _aboveSince ??= now;
        if (time.GetElapsedTime(_aboveSince.Value, now) >= Interval) Standing = true;
    }

    public void Drained()
    {
        _aboveSince = null;
        Standing = false;
    }
}
