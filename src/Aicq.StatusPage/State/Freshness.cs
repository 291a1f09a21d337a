namespace Aicq.StatusPage.State;

/// <summary>
/// How old a component's newest check may be before its state is no longer believed: three of its check intervals,
/// plus the longest one run may take (a probe's timeout; every step of the synthetic agent timing out), and never
/// under <see cref="Floor"/>. Older, the component is "unknown" and says why: a stalled prober must not look all green.
/// </summary>
public sealed record Freshness(TimeSpan CheckInterval, TimeSpan CheckTimeout, TimeSpan CanaryInterval, TimeSpan CanaryRunTimeout)
{
    public const int Intervals = 3;

    /// <summary>
    /// With the 30 s default the limit is 95 s; with intervals of a few seconds (tests) one slow cycle on a loaded
    /// host would otherwise flip components to unknown although nothing is stalled.
    /// </summary>
    public static readonly TimeSpan Floor = TimeSpan.FromSeconds(20);

    /// <summary>Used where no settings are at hand (tests of other rules): the defaults.</summary>
    public static readonly Freshness Default = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(50));

    public TimeSpan IntervalOf(string key) => key == Catalog.Canary ? CanaryInterval : CheckInterval;

    public TimeSpan LimitOf(string key)
    {
        var limit = key == Catalog.Canary ? Intervals * CanaryInterval + CanaryRunTimeout : Intervals * CheckInterval + CheckTimeout;
        return limit < Floor ? Floor : limit;
    }

    /// <summary>The status as shown <paramref name="now"/>: unchanged while fresh, else unknown with the reason.</summary>
    public ComponentStatus Apply(ComponentStatus status, DateTimeOffset now)
    {
        if (status.CheckedAt is not { } at || now - at <= LimitOf(status.Key)) return status;
        var who = status.Key == Catalog.Canary ? "the synthetic agent" : "the prober";
        return status with
        {
            State = ComponentState.Unknown,
            Reason = $"No check for {Age(now - at)} (checked every {Age(IntervalOf(status.Key))}); {who} may be stalled",
            Stale = true,
        };
    }

    public static string Age(TimeSpan age) => age.TotalSeconds switch
    {
        < 60 => $"{(int)age.TotalSeconds} s",
        < 3600 => $"{(int)age.TotalMinutes} min",
        < 86400 => $"{(int)age.TotalHours} h {age.Minutes} min",
        _ => $"{(int)age.TotalDays} days",
    };
}
