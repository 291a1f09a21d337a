using Aicq.ServiceDefaults.Http;
using Aicq.Api.Errors;

namespace Aicq.Api.Rooms;

/// <summary>
/// Applies deferred room counts once PostgreSQL takes them again: every two seconds while any are pending,
/// and once more when the instance shuts down.
/// </summary>
internal sealed partial class RoomCountsReplay(RoomCounters counters, DeferredRoomCounts deferred, ILogger<RoomCountsReplay> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await ReplayAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ReplayAsync(cancellationToken);
        if (deferred.Total > 0) LogLost(logger, deferred.Total);
    }

    /// <summary>Applies what is pending until done or PostgreSQL fails again (the rest waits for the next tick).</summary>
    public async Task ReplayAsync(CancellationToken cancellationToken)
    {
        var applied = 0L;
        while (deferred.TryTake(out var room, out var count, out var lastActive))
        {
            try
            {
                await counters.ApplyAsync(room, count, lastActive, cancellationToken);
                applied += count;
            }
            catch (Exception e)
            {
                // Whatever the reason (unavailable, read-only during a failover, shutting down), keep the count for later:
                // a background service that throws would stop the whole API.
                deferred.Add(room, count, lastActive);
                if (!ErrorAnswers.IsDependencyFailure(e) && e is not OperationCanceledException) LogReplayFailed(logger, e);
                break;
            }
        }
        if (applied > 0 && deferred.Total == 0) LogReplayed(logger, applied);
    }

    [LoggerMessage(EventName = "room_counts_replayed", Level = LogLevel.Information,
        Message = "PostgreSQL is back; {count} deferred room message counts applied")]
    private static partial void LogReplayed(ILogger logger, long count);

    [LoggerMessage(EventName = "room_counts_replay_failed", Level = LogLevel.Error,
        Message = "Deferred room message counts could not be applied; they are kept for the next attempt")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventName = "room_counts_lost", Level = LogLevel.Warning,
        Message = "Shutting down with {count} room message counts PostgreSQL never took; those rooms' message_count is short by that much")]
    private static partial void LogLost(ILogger logger, long count);
}
