using Aicq.StatusPage.State;

namespace Aicq.StatusPage.History;

/// <summary>One component's state at one check; kept raw for STATUS_RAW_RETENTION_HOURS (the response-time chart).</summary>
public sealed class CheckResult
{
    public long Id { get; set; }
    public required string Component { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public ComponentState State { get; set; }
    public float? LatencyMs { get; set; }
}

/// <summary>Which states are checks: "no data yet" and "not monitored" are not, and are never recorded.</summary>
public static class CheckStates
{
    public static bool IsRecorded(this ComponentState state) =>
        state is ComponentState.Operational or ComponentState.Degraded or ComponentState.Outage or ComponentState.Maintenance;
}

/// <summary>
/// One component's checks in one UTC hour, kept for STATUS_ROLLUP_RETENTION_DAYS: uptime and the 90-day strip
/// read only these. Recomputed from raw rows while the hour's raw rows exist, so it is exact.
/// </summary>
public sealed class HourlyRollup
{
    public required string Component { get; set; }
    public DateTimeOffset Hour { get; set; }
    public int Total { get; set; }
    public int Operational { get; set; }
    public int Degraded { get; set; }
    public int Outage { get; set; }
    public int Maintenance { get; set; }
    public double LatencySumMs { get; set; }
    public int LatencyCount { get; set; }
    public float? LatencyMaxMs { get; set; }
}
