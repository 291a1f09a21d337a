using Aicq.StatusPage.Data;

namespace Aicq.StatusPage.History;

/// <summary>
/// Every 10 minutes (and once the schema is migrated, at start): rolls days up and sweeps rows past their retention
/// (<see cref="HistoryStore.RollUpAsync"/>). Keeps no state of its own, so a restart or a missed run only delays it.
/// </summary>
internal sealed partial class RollupJob(HistoryStore history, TimeProvider clock, ILogger<RollupJob> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan WhileMigrating = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = Every;
            if (!history.IsReady) next = WhileMigrating;
            else
            {
                try
                {
                    await history.RollUpAsync(clock.GetUtcNow(), stoppingToken);
                }
                catch (Exception e) when (StoreFailure.Is(e))
                {
                    LogRollupFailed(logger, e.GetType().Name);
                }
            }
            await Task.Delay(next, clock, stoppingToken);
        }
    }

    [LoggerMessage(EventName = "history_rollup_failed", Level = LogLevel.Warning, Message = "Could not roll up or sweep the history ({exception_type})")]
    private static partial void LogRollupFailed(ILogger logger, string exception_type);
}
