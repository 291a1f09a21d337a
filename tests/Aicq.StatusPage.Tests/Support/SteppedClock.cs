namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// The system clock until a test sets it; then that instant, until set again. Timers still run in real time (the base
/// <see cref="TimeProvider"/>'s), so background loops keep their pace while a test decides what "now" is.
/// </summary>
public sealed class SteppedClock : TimeProvider
{
    private long _setTicks;

    public override DateTimeOffset GetUtcNow() =>
        Interlocked.Read(ref _setTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.UtcNow;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _setTicks, now.UtcTicks);
}
