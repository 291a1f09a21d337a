using Aicq.StatusPage.State;

namespace Aicq.StatusPage.History;

/// <summary>Share of checks that found the component fully operational, maintenance excluded; null without data.</summary>
public sealed record UptimeWindows(double? Day, double? Week, double? Month, double? Quarter)
{
    public static readonly UptimeWindows Empty = new(null, null, null, null);
}

/// <summary>One day of the 90-day strip (UTC days).</summary>
public sealed record DayBar(DateOnly Day, int Total, int Operational, int Maintenance)
{
    public double? Uptime => Total - Maintenance <= 0 ? null : 100.0 * Operational / (Total - Maintenance);

    public ComponentState State => Uptime switch
    {
        null => Maintenance > 0 ? ComponentState.Maintenance : ComponentState.Unknown,
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
        return Enumerable.Range(0, StripDays).Select(i => new DayBar(today.AddDays(i - StripDays + 1), 0, 0, 0)).ToList();
    }
}
