namespace Aicq.StatusPage.History;

/// <summary>
/// One component's UTC day, rolled up from its hourly rollups by <see cref="RollupJob"/>: what the 7/30/90-day
/// windows and the strip read once the day's hourly rows are swept. Seconds, not counts, so a day reads the same
/// after its hours are gone (each hour's checks stand for the check interval in force when the day was rolled up).
/// </summary>
public sealed class DailyRollup
{
    public required string Component { get; set; }
    public DateOnly Day { get; set; }
    public long Checks { get; set; }
    public double UpSeconds { get; set; }
    public double DownSeconds { get; set; }
    public double MaintenanceSeconds { get; set; }
    public double LatencySumMs { get; set; }
    public long LatencyCount { get; set; }
    public float? LatencyMaxMs { get; set; }
}
