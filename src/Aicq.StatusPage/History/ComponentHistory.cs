using Aicq.StatusPage.State;

namespace Aicq.StatusPage.History;

/// <summary>The four uptime windows: this hour and the 23 before it, and the last 7, 30 and 90 UTC days (today so far included).</summary>
public sealed record UptimeWindows(UptimeWindow Day, UptimeWindow Week, UptimeWindow Month, UptimeWindow Quarter)
{
    public static readonly UptimeWindows Empty = new(UptimeWindow.Empty(0), UptimeWindow.Empty(0), UptimeWindow.Empty(0), UptimeWindow.Empty(0));
}

/// <summary>One day of the 90-day strip (UTC days); today's length is the part of it gone by.</summary>
public sealed record DayBar(DateOnly Day, UptimeWindow Time)
{
    public double? Uptime => Time.Uptime;

    public ComponentState State => Uptime switch
    {
        null => Time.MaintenanceSeconds > 0 ? ComponentState.Maintenance : ComponentState.Unknown,
        >= 99.9 => ComponentState.Operational,
        >= 95 => ComponentState.Degraded,
        _ => ComponentState.Outage,
    };
}

/// <summary>Average and worst response time in one bucket of the chart.</summary>
public sealed record LatencyPoint(DateTimeOffset At, double AverageMs, double MaxMs);

/// <summary>What the page shows of a component's past.</summary>
public sealed record ComponentHistory(UptimeWindows Uptime, IReadOnlyList<DayBar> Days, IReadOnlyList<LatencyPoint> Latency, long Checks24h)
{
    public const int StripDays = 90;

    public static ComponentHistory Empty(DateTimeOffset now) => new(UptimeWindows.Empty, EmptyDays(now), [], 0);

    public static IReadOnlyList<DayBar> EmptyDays(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return Enumerable.Range(0, StripDays).Select(i => today.AddDays(i - StripDays + 1))
            .Select(day => new DayBar(day, UptimeWindow.Empty(DayLengthSeconds(day, now)))).ToList();
    }

    /// <summary>A whole day, or the part of today gone by.</summary>
    public static double DayLengthSeconds(DateOnly day, DateTimeOffset now)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return Math.Clamp((now - start).TotalSeconds, 0, 86400);
    }
}
