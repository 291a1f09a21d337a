namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>The numbers a case reports, computed from every request it made.</summary>
public static class Outcomes
{
    /// <summary>
    /// How long after <paramref name="back"/> (the dependency returned) requests of <paramref name="kinds"/> worked
    /// again: the send time of the first success after the last failure. Zero when none failed after
    /// <paramref name="back"/>; null when the last one still failed.
    /// </summary>
    public static TimeSpan? Recovery(IEnumerable<Outcome> outcomes, IReadOnlySet<string> kinds, TimeSpan back)
    {
        var after = outcomes.Where(o => kinds.Contains(o.Kind) && o.Sent >= back).OrderBy(o => o.Sent).ToList();
        var lastFailure = after.FindLastIndex(o => !o.Expected);
        if (lastFailure < 0) return TimeSpan.Zero;
        if (lastFailure == after.Count - 1) return null;
        return after[lastFailure + 1].Sent - back;
    }

    /// <summary>Whether the kinds have worked for at least <paramref name="steady"/>, with 3+ requests, since their last failure.</summary>
    public static bool SteadySince(IEnumerable<Outcome> outcomes, IReadOnlySet<string> kinds, TimeSpan back, TimeSpan now, TimeSpan steady)
    {
        var after = outcomes.Where(o => kinds.Contains(o.Kind) && o.Sent >= back).OrderBy(o => o.Sent).ToList();
        var lastFailure = after.FindLastIndex(o => !o.Expected);
        var streak = after.Skip(lastFailure + 1).ToList();
        return streak.Count >= 3 && now - streak[0].Sent >= steady;
    }

    public static TimeSpan Percentile(IEnumerable<TimeSpan> values, double p) =>
        TimeSpan.FromMilliseconds(Percentiles.Rank(values.Select(v => v.TotalMilliseconds), p));

    public static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

    public static string Seconds(TimeSpan? t) => t is null ? "not recovered" : $"{t.Value.TotalSeconds:0.0} s";
}
