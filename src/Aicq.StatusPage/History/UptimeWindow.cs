namespace Aicq.StatusPage.History;

/// <summary>
/// What the checks say about one stretch of time (a 24 h / 7 / 30 / 90-day window, or one day of the strip), in
/// seconds: each check stands for one check interval. Time no check stands for is <b>unknown</b>: neither up nor
/// down. Uptime is up ÷ (up + down) over checked time, maintenance left out; the unknown share is shown beside it.
/// </summary>
public sealed record UptimeWindow(double LengthSeconds, double UpSeconds, double DownSeconds, double MaintenanceSeconds)
{
    /// <summary>A window shows a percentage only once checks stand for at least this share of it; until then it is "collecting".</summary>
    public const double MinimumCoverage = 0.75;

    public static UptimeWindow Empty(double lengthSeconds) => new(lengthSeconds, 0, 0, 0);

    /// <summary>Seconds the checks stand for, never more than the window (a shortened check interval would overcount).</summary>
    public double CheckedSeconds => Math.Min(LengthSeconds, UpSeconds + DownSeconds + MaintenanceSeconds);

    public double UnknownSeconds => Math.Max(0, LengthSeconds - CheckedSeconds);

    /// <summary>Share of the window no check stands for, 0 to 1.</summary>
    public double UnknownShare => LengthSeconds <= 0 ? 1 : UnknownSeconds / LengthSeconds;

    public bool IsCollecting => LengthSeconds <= 0 || CheckedSeconds < MinimumCoverage * LengthSeconds;

    /// <summary>Percent of checked time outside maintenance that was fully operational; null when nothing was checked.</summary>
    public double? Uptime => UpSeconds + DownSeconds <= 0 ? null : 100.0 * UpSeconds / (UpSeconds + DownSeconds);

    /// <summary>The uptime a window may show: none while it is still collecting.</summary>
    public double? ShownUptime => IsCollecting ? null : Uptime;

    public UptimeWindow Plus(UptimeWindow other) => new(
        LengthSeconds + other.LengthSeconds, UpSeconds + other.UpSeconds, DownSeconds + other.DownSeconds, MaintenanceSeconds + other.MaintenanceSeconds);

    public static UptimeWindow Sum(IEnumerable<UptimeWindow> parts) => parts.Aggregate(Empty(0), (total, part) => total.Plus(part));
}
