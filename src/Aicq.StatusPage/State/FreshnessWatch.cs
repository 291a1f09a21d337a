using Aicq.StatusPage.Telemetry;

namespace Aicq.StatusPage.State;

/// <summary>
/// Rebuilds the snapshot once per check interval when nothing else did, so that when the checks stall, the page, the
/// JSON and the metrics turn the stale components "unknown" instead of showing their last state for ever.
/// </summary>
internal sealed class FreshnessWatch(StatusBoard board, Freshness freshness, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        StatusMetrics.WatchCheckAges(board);
        using var timer = new PeriodicTimer(freshness.CheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken)) board.RebuildIfOlderThan(freshness.CheckInterval);
    }
}
