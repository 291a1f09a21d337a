namespace Aicq.Testing.Load;

/// <summary>The measured span, in <see cref="Stopwatch"/> ticks: after the warm-up, for the duration.</summary>
public sealed record MeasureWindow(long Start, long End)
{
    public static MeasureWindow After(TimeSpan warmup, TimeSpan duration)
    {
        var now = Stopwatch.GetTimestamp();
        return new MeasureWindow(now + Ticks(warmup), now + Ticks(warmup + duration));
    }

    public TimeSpan UntilStart => Until(Start);
    public TimeSpan UntilEnd => Until(End);

    private static TimeSpan Until(long ticks)
    {
        var now = Stopwatch.GetTimestamp();
        return ticks > now ? Stopwatch.GetElapsedTime(now, ticks) : TimeSpan.Zero;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
