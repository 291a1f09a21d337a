using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Canary;

/// <summary>Runs the synthetic agent every STATUS_CANARY_INTERVAL_SECONDS and publishes each run to the page and to metrics.</summary>
internal sealed partial class CanaryService(
    CanaryAgent agent, CanaryEvidence evidence, StatusBoard board, TimeSpan interval, TimeProvider clock, ILogger<CanaryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var run = await agent.RunAsync(stoppingToken);
                CanaryMetrics.Publish(run);
                evidence.Record(run);
                board.Observe(run.ToStatus());
                await board.RefreshAsync(reloadStored: false, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A bug in one run must not stop the canary for good (nor, as an unhandled background failure, the host).
                LogRunCrashed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventName = "canary_run_crashed", Level = LogLevel.Error, Message = "Synthetic agent run failed unexpectedly")]
    private static partial void LogRunCrashed(ILogger logger, Exception exception);
}
