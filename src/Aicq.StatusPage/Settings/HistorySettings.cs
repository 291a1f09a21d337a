using Aicq.ServiceDefaults.Settings;

namespace Aicq.StatusPage.Settings;

/// <summary>
/// How long check results are kept (raw for the response-time chart, hourly rollups for the 24-hour window and recent
/// days, daily rollups for older days of uptime and the 90-day strip),
/// and how much time one check stands for in uptime: one check interval.
/// </summary>
public sealed record HistorySettings
{
    public required TimeSpan RawRetention { get; init; }
    public required TimeSpan RollupRetention { get; init; }
    public required TimeSpan DailyRetention { get; init; }
    public required TimeSpan CheckInterval { get; init; }

    /// <summary>More than this many check intervals without a recorded check is a gap in the history.</summary>
    public const int GapIntervals = 3;

    public TimeSpan GapAfter => GapIntervals * CheckInterval;

    public static HistorySettings Read(SettingsReader reader, TimeSpan checkInterval) => new()
    {
        // At least 25 h: the chart shows the last 24 h and the current hour's rollup is recomputed from raw rows.
        RawRetention = TimeSpan.FromHours(reader.Int("STATUS_RAW_RETENTION_HOURS", 48, 25, 24 * 31)),
        // At least 2 days: the 24-hour window reads hours; older days read their daily rollup once their hours are gone.
        RollupRetention = TimeSpan.FromDays(reader.Int("STATUS_ROLLUP_RETENTION_DAYS", 14, 2, 3650)),
        // At least the 90-day strip.
        DailyRetention = TimeSpan.FromDays(reader.Int("STATUS_DAILY_RETENTION_DAYS", 400, 90, 36500)),
        CheckInterval = checkInterval,
    };
}
